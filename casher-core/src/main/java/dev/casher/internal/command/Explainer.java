package dev.casher.internal.command;

import dev.casher.internal.call.OwnOutputs;
import dev.casher.internal.lookup.DirListings;
import dev.casher.internal.lookup.InputState;
import dev.casher.internal.lookup.InputStates;
import dev.casher.internal.store.Entry;
import dev.casher.internal.store.EntryInfo;
import dev.casher.internal.store.Manifest;
import dev.casher.internal.util.FileStat;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Says whether a command would hit and, if not, what differs from the nearest recorded run:
 * input files changed, appeared, disappeared or directories whose entries changed (same key), or
 * arguments, environment values, working directory and stdin (another key, found through the
 * metadata every command entry keeps). Reads only; never runs the command. Thread-safe.
 */
public final class Explainer {
    private Explainer() {}

    /** One line per finding, the first saying hit or miss. */
    public static List<String> explain(CommandCache cache, CommandKey key) throws IOException {
        List<String> lines = explainRuns(cache, key);
        List<Path> memo = PreStateMemo.paths(cache, key.digest());
        if (!memo.isEmpty()) {
            lines.add("  snapshot before the next run (an earlier run read, then replaced them, "
                    + "from a state the trace could not tell; up to " + PreStateMemo.MAX_PATHS
                    + " paths per command): " + memo.stream().map(Path::toString)
                    .collect(java.util.stream.Collectors.joining(", ")));
        }
        return lines;
    }

    private static List<String> explainRuns(CommandCache cache, CommandKey key) throws IOException {
        List<String> lines = new ArrayList<>();
        Manifest m = cache.store().readManifest(key.digest());
        String k = key.digest().shortHex(12);
        List<String> best = null;
        for (Manifest.Candidate c : m.candidates()) {
            Entry recorded = cache.store().readEntry(c.entry());
            List<String> diffs = inputDiffs(c, recorded, cache.states(),
                    recorded == null ? Map.of() : recorded.metadata());
            if (diffs.isEmpty()) {
                Entry e = recorded;
                if (e != null) {
                    lines.add("would hit: key " + k + ", recorded "
                            + Instant.ofEpochMilli(e.createdAtMillis()) + ", saves "
                            + CommandEngine.seconds(e.durationNanos()) + ", exit status "
                            + e.exitStatus());
                    return lines;
                }
            }
            if (best == null || diffs.size() < best.size()) {
                best = diffs;
            }
        }
        if (best != null) {
            lines.add("would miss: key " + k + " has " + m.candidates().size()
                    + " recorded run(s); the nearest differs in " + best.size() + " input(s):");
            best.forEach(d -> lines.add("  " + d));
            return lines;
        }
        return nearestOtherKey(cache, key, lines);
    }

    private static List<String> inputDiffs(Manifest.Candidate c, Entry recorded, InputStates states,
            Map<String, String> meta) {
        List<String> diffs = new ArrayList<>();
        for (String p : OwnOutputs.unexplained(c.inputs(), recorded, states)) {
            diffs.add(describe(p, c.inputs().states().get(p), meta.get(Recorder.LISTING + p)));
        }
        return diffs;
    }

    private static String describe(String path, InputState recorded, String listed) {
        boolean exists;
        try {
            exists = FileStat.of(Path.of(path)) != null;
        } catch (IOException | RuntimeException e) {
            exists = false;
        }
        if (recorded instanceof InputState.Absent) {
            return "appeared: " + path + " (absent in the recorded run)";
        }
        if (!exists) {
            return "disappeared: " + path + " (was " + recorded.describe() + ")";
        }
        if (recorded instanceof InputState.DirListing) {
            return listed == null ? "directory entries added or removed: " + path
                    : listingDiff(path, listed);
        }
        if (recorded instanceof InputState.FileContent) {
            return "changed: " + path + " (was " + recorded.describe() + ")";
        }
        return "changed type: " + path + " (was " + recorded.describe() + ")";
    }

    private static String listingDiff(String dir, String listed) {
        TreeSet<String> before = new TreeSet<>(List.of(listed.isEmpty() ? new String[0]
                : listed.split("\n", -1)));
        TreeSet<String> now;
        try {
            now = new TreeSet<>(DirListings.entries(Path.of(dir)));
        } catch (IOException | RuntimeException e) {
            return "directory entries added or removed: " + dir;
        }
        TreeSet<String> added = new TreeSet<>(now);
        added.removeAll(before);
        before.removeAll(now);
        StringBuilder sb = new StringBuilder("directory " + dir + ":");
        if (!added.isEmpty()) {
            sb.append(" added ").append(String.join(", ", added));
        }
        if (!before.isEmpty()) {
            sb.append(added.isEmpty() ? "" : ";").append(" removed ")
                    .append(String.join(", ", before));
        }
        return sb.toString();
    }

    private static List<String> nearestOtherKey(CommandCache cache, CommandKey key,
            List<String> lines) throws IOException {
        Map<String, String> want = key.metadata();
        List<String> best = null;
        for (EntryInfo info : cache.store().entries()) {
            Entry e = cache.store().readEntry(info.id());
            if (e == null || !CommandKey.KIND.equals(e.metadata().get("kind"))
                    || !want.get("arg.0").equals(e.metadata().get("arg.0"))) {
                continue;
            }
            List<String> diffs = keyDiffs(e.metadata(), want);
            if (best == null || diffs.size() < best.size()) {
                best = diffs;
            }
        }
        if (best == null) {
            lines.add("would miss: no recorded run of " + want.get("arg.0") + " in " + cache.dir());
        } else {
            lines.add("would miss: no recorded run with key " + key.digest().shortHex(12)
                    + "; the nearest recorded run of " + want.get("arg.0") + " differs in:");
            best.forEach(d -> lines.add("  " + d));
        }
        return lines;
    }

    private static List<String> keyDiffs(Map<String, String> had, Map<String, String> want) {
        List<String> diffs = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(had.keySet());
        names.addAll(want.keySet());
        for (String n : names) {
            if (n.equals("key") || n.startsWith("key.") || n.startsWith("code.")) {
                continue;
            }
            String a = had.get(n);
            String b = want.get(n);
            if (a != null && a.equals(b)) {
                continue;
            }
            String label = n.startsWith("arg.") ? "argument " + n.substring(4)
                    : n.startsWith("env.") ? "environment variable " + n.substring(4)
                    : n.equals("cwd") ? "working directory" : n;
            diffs.add(label + ": " + quote(a) + " -> " + quote(b));
        }
        return diffs;
    }

    private static String quote(String s) {
        return s == null ? "(none)" : "'" + s + "'";
    }
}
