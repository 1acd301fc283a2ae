package dev.casher.cli;

import dev.casher.internal.command.CommandCache;
import dev.casher.internal.lookup.InputState;
import dev.casher.internal.store.Entry;
import dev.casher.internal.store.Manifest;
import dev.casher.internal.store.ManifestInfo;
import dev.casher.internal.store.Output;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code casher show KEY}: the recorded runs of one action key (a unique hex prefix is enough). */
@Command(name = "show", description = "Show the recorded runs of KEY (a unique prefix of it).")
final class ShowCommand implements Callable<Integer> {
    @Mixin
    CacheOption cache;
    @Parameters(paramLabel = "KEY", description = "an action key or a unique prefix, as ls prints")
    String key;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!key.matches("[0-9a-fA-F]{4,64}")) {
            throw new UsageException("KEY must be 4 to 64 hex digits, as 'casher ls' prints: '"
                    + key + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (CommandCache c = cache.open()) {
            List<ManifestInfo> found = c.store().manifests().stream()
                    .filter(m -> m.actionKey().hex()
                            .startsWith(key.toLowerCase(java.util.Locale.ROOT)))
                    .toList();
            if (found.size() != 1) {
                throw new UsageException(found.isEmpty() ? "no cached action with key " + key
                        : "key prefix " + key + " is ambiguous (" + found.size() + " actions)");
            }
            ManifestInfo m = found.get(0);
            out.println("key " + m.actionKey().hex());
            int n = 0;
            for (Manifest.Candidate cand : m.manifest().candidates()) {
                Entry e = c.store().readEntry(cand.entry());
                out.println();
                out.println("run " + (++n) + ": entry " + cand.entry().shortHex(16));
                if (e == null) {
                    out.println("  (evicted)");
                    continue;
                }
                print(out, e, cand);
            }
        }
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, Entry e, Manifest.Candidate cand) {
        out.println("  what        " + Describe.what(e));
        out.println("  recorded    " + Instant.ofEpochMilli(e.createdAtMillis()));
        out.printf(java.util.Locale.ROOT, "  took        %.3f s%n", e.durationNanos() / 1e9);
        out.println("  exit status " + e.exitStatus());
        out.println("  stdout/err  " + (e.streams() == null ? 0 : e.streams().size()) + " bytes in "
                + e.chunks().size() + " chunk(s)");
        for (Map.Entry<String, String> md : new TreeMap<>(e.metadata()).entrySet()) {
            if (md.getKey().startsWith("key.")) {
                out.println("  key part    " + md.getKey().substring(4) + " = " + md.getValue());
            }
        }
        out.println("  inputs (" + cand.inputs().size() + "):");
        for (Map.Entry<String, InputState> in : cand.inputs().states().entrySet()) {
            out.println("    " + in.getKey() + "  " + in.getValue().describe());
        }
        out.println("  outputs (" + e.outputs().size() + "):");
        for (Output o : e.outputs()) {
            String what = o instanceof Output.File f ? "file, " + f.blob().size() + " bytes, mode "
                    + Integer.toOctalString(f.mode()) : o instanceof Output.Directory ? "directory"
                    : o instanceof Output.Symlink s ? "symlink -> " + s.target() : "deleted";
            out.println("    " + o.path() + "  " + what);
        }
    }
}
