package dev.casher.internal.call;

import dev.casher.Mode;
import dev.casher.internal.lookup.InputState;
import dev.casher.internal.record.CallContext;
import dev.casher.internal.record.EventKind;
import dev.casher.internal.replay.Replayer;
import dev.casher.internal.replay.UnsafeEntryException;
import dev.casher.internal.store.Entry;
import dev.casher.internal.store.Output;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Replay step: decodes the value and reads the captured output first (so a damaged entry fails
 * before any side effect), then restores files and writes stdout/stderr. Inside an outer cached
 * call, the hit's inputs and outputs are reported to the outer recording as if the inner call
 * had run. A failure makes the lookup a miss (the damaged candidate is dropped), never an error.
 */
final class ReplayStep {
    private ReplayStep() {}

    static Object replay(CallSpec spec, Environment env, KeyStep.Keyed keyed, LookupResult.Hit hit,
            LookupStep lookup, Warnings warnings) {
        Entry entry = hit.entry();
        try {
            Replayer.checkPaths(entry);
            if (spec.options().mode() == Mode.DECLARED) {
                checkDeclared(entry, keyed.declaredOutputs());
            }
            byte[] encoded = entry.value() == null ? null
                    : hit.value() != null ? hit.value() : env.store().readBytes(entry.value().blob());
            Object value = encoded == null ? null
                    : env.values().decode(entry.value().codec(), encoded, entry.value().allowedClasses());
            byte[] streams = entry.streams() == null ? null : env.store().readBytes(entry.streams());
            env.replayer().restoreOutputs(entry);
            Replayer.writeStreams(entry, streams, System.out, System.err);
            if (CallContext.current() != null) {
                reportToOuter(hit);
            }
            env.store().touch(keyed.key().digest(), hit.entryId(), entry);
            lookup.remember(keyed.key().digest(), hit.inputs(), hit.entryId(), entry, encoded);
            CallLog.hit(env, spec, keyed.key(), entry.durationNanos());
            return new CallEngine.HitToken(value);
        } catch (IOException | RuntimeException e) {
            // A blob that is gone was evicted by another process since the entry was read: an
            // ordinary miss. Anything else is damage and deserves a warning.
            if (!(e.getCause() instanceof java.nio.file.NoSuchFileException)) {
                warnings.once("replay:" + hit.entryId(), "cannot replay cached result of " + spec.label()
                        + " (" + e.getMessage() + "); running it again");
            }
            lookup.forget(keyed.key().digest());
            try {
                env.store().removeCandidate(keyed.key().digest(), hit.entryId());
            } catch (IOException ignored) {
                // Best effort; the next record replaces the candidate anyway.
            }
            return null;
        }
    }

    /**
     * Refuses an entry that would write where the call declared no output: with only declared
     * outputs recorded, anything else can only come from a planted entry (DESIGN rule 5).
     */
    private static void checkDeclared(Entry entry, List<String> declared)
            throws UnsafeEntryException {
        for (Output o : entry.outputs()) {
            boolean inside = false;
            for (String d : declared) {
                inside |= o.path().equals(d) || o.path().startsWith(d.equals("/") ? d : d + "/");
            }
            if (!inside) {
                throw new UnsafeEntryException("output path is not a declared output: " + o.path());
            }
        }
    }

    private static void reportToOuter(LookupResult.Hit hit) {
        for (Map.Entry<String, InputState> e : hit.inputs().states().entrySet()) {
            InputState s = e.getValue();
            EventKind k = s instanceof InputState.FileContent ? EventKind.READ
                    : s instanceof InputState.DirListing ? EventKind.LIST_DIR
                    : s instanceof InputState.Absent ? EventKind.PROBE_MISSING : EventKind.STAT;
            CallContext.event(k, Path.of(e.getKey()));
        }
        for (Output o : hit.entry().outputs()) {
            Path p = Path.of(o.path());
            EventKind k = o instanceof Output.Deleted ? EventKind.DELETE
                    : o instanceof Output.Directory ? EventKind.MKDIR : EventKind.WRITE;
            CallContext.event(k, p);
        }
    }
}
