package dev.casher.cli;

import dev.casher.internal.command.CommandCache;
import dev.casher.internal.store.Entry;
import dev.casher.internal.store.ManifestInfo;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code casher ls}: one line per cached action, most recently used first. */
@Command(name = "ls", description = "List cached commands and calls, most recently used first.")
final class LsCommand implements Callable<Integer> {
    @Mixin
    CacheOption cache;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (CommandCache c = cache.open()) {
            List<ManifestInfo> all = c.store().manifests().stream()
                    .sorted(Comparator.comparing(ManifestInfo::lastUsed).reversed()).toList();
            for (ManifestInfo m : all) {
                Entry e = c.store().readEntry(m.manifest().candidates().get(0).entry());
                out.printf("%s  %s  %d run(s)  %s%n", m.actionKey().shortHex(12),
                        m.lastUsed().toString().substring(0, 19).replace('T', ' '),
                        m.manifest().candidates().size(),
                        e == null ? "(evicted)" : Describe.what(e));
            }
        }
        return ExitCodes.OK;
    }
}
