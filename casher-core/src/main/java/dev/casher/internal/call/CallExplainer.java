package dev.casher.internal.call;

import dev.casher.internal.fingerprint.ActionKey;
import dev.casher.internal.fingerprint.code.CodeFingerprint;
import dev.casher.internal.store.BlobRef;
import dev.casher.internal.store.Entry;
import dev.casher.internal.store.EntryInfo;
import dev.casher.internal.store.LocalStore;
import dev.casher.internal.store.Manifest;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Says whether an in-process call would hit and, if not, why: which recorded inputs no longer
 * hold (same key), or which key parts differ from the newest recorded run of the same function,
 * down to the methods whose bytecode changed. Reads only; never runs the call. Thread-safe.
 */
final class CallExplainer {
    private CallExplainer() {}

    static List<String> explain(CallSpec spec, Object[] args, Environment env, Map<String, String> environ)
            throws IOException {
        KeyStep.Keyed keyed = KeyStep.key(spec, args, env, environ);
        ActionKey key = keyed.key();
        List<String> lines = new ArrayList<>();
        Manifest m = env.store().readManifest(key.digest());
        List<String> nearest = null;
        for (Manifest.Candidate c : m.candidates()) {
            List<String> diffs = new ArrayList<>();
            Entry recorded = env.store().readEntry(c.entry());
            for (String p : OwnOutputs.unexplained(c.inputs(), recorded, env.states())) {
                diffs.add("input changed: " + p + " (was " + c.inputs().states().get(p).describe() + ")");
            }
            if (diffs.isEmpty() && recorded != null) {
                lines.add("would hit: key " + key.digest().shortHex(12));
                return lines;
            }
            if (nearest == null || diffs.size() < nearest.size()) {
                nearest = diffs;
            }
        }
        if (nearest != null) {
            lines.add("would miss: key " + key.digest().shortHex(12) + " has " + m.candidates().size()
                    + " recorded run(s); the nearest differs in:");
            nearest.forEach(d -> lines.add("  " + d));
            return lines;
        }
        lines.add("would miss: no recorded run of key " + key.digest().shortHex(12));
        Entry previous = newestOf(spec, env);
        if (previous == null) {
            lines.add("  no recorded run of " + spec.identity().display() + " in " + env.cacheDir());
            return lines;
        }
        lines.add("  compared with the run of " + Instant.ofEpochMilli(previous.createdAtMillis()) + ":");
        Map<String, String> now = keyed.metadata();
        for (Map.Entry<String, String> e : now.entrySet()) {
            String before = previous.metadata().get(e.getKey());
            if (!e.getValue().equals(before)) {
                lines.add("  " + e.getKey().substring("key.".length()) + " changed: " + before + " -> "
                        + e.getValue());
            }
        }
        if (keyed.code() != null) {
            CodeFingerprint old = codeOf(previous, env);
            if (old != null) {
                keyed.code().describeChanges(old).forEach(d -> lines.add("    code " + d));
            }
        }
        return lines;
    }

    /** The newest entry recorded for the same function (scans the entries: explain is rare). */
    private static Entry newestOf(CallSpec spec, Environment env) throws IOException {
        if (!(env.store() instanceof LocalStore local)) {
            return null;
        }
        List<EntryInfo> infos = new ArrayList<>(local.entries());
        infos.sort(Comparator.comparingLong(EntryInfo::createdAtMillis).reversed());
        String function = spec.identity().display();
        for (EntryInfo info : infos) {
            try {
                Entry e = env.store().readEntry(info.id());
                if (e != null && function.equals(e.metadata().get("key.function"))) {
                    return e;
                }
            } catch (IOException damaged) {
                // A damaged entry is no evidence either way: look further.
            }
        }
        return null;
    }

    private static CodeFingerprint codeOf(Entry e, Environment env) {
        BlobRef ref = CodeMetadata.parseReference(e.metadata().get(CodeMetadata.KEY));
        if (ref == null) {
            return null;
        }
        try {
            return CodeFingerprint.fromMetadata(CodeMetadata.decode(env.store().readBytes(ref)));
        } catch (IOException | RuntimeException e2) {
            return null;
        }
    }
}
