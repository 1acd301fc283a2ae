package dev.casher.internal.record;

import dev.casher.internal.lookup.InputState;
import dev.casher.internal.lookup.Observation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns what a call did to each path into inputs and outputs (DESIGN §2.5):
 * observed only ⇒ input; changed only, or changed before observed ⇒ output only (a scratch
 * file the call writes and reads back is not an input); observed, then changed ⇒ input at its
 * pre-call state and output. If that pre-call state is unknown, the run is uncacheable.
 * Stateless and thread-safe.
 */
public final class Classifier {
    /** The start of the reason given when a path was read, then changed, from an unknown state. */
    public static final String UNKNOWN_PRE_STATE =
            "read and then changed by the call, its state before the call is unknown: ";

    private Classifier() {}

    /** Classifies {@code snapshot}, skipping paths {@code filter} ignores. */
    public static Classification classify(Recording.Snapshot snapshot, PathFilter filter) {
        Map<Path, Observation> inputs = new LinkedHashMap<>();
        Map<Path, InputState> pre = new LinkedHashMap<>();
        Set<Path> outputs = new LinkedHashSet<>();
        List<String> reasons = new ArrayList<>(snapshot.taints());
        for (Map.Entry<Path, PathTrace> e : snapshot.paths().entrySet()) {
            Path path = e.getKey();
            PathTrace t = e.getValue();
            if (filter.ignores(path)) {
                continue;
            }
            if (!t.mutated()) {
                inputs.put(path, observation(t.kinds()));
                continue;
            }
            outputs.add(path);
            // Deleting or renaming away a file the call did not create depends on that file:
            // a rename moves its content to the target, a delete proves it existed.
            boolean consumesPrior = t.first() == EventKind.DELETE || t.first() == EventKind.RENAME_FROM;
            if (!t.observedBeforeMutated() && !consumesPrior) {
                continue;
            }
            InputState before = preState(t);
            if (before == null) {
                reasons.add(UNKNOWN_PRE_STATE + path);
            } else {
                pre.put(path, before);
            }
        }
        return new Classification(inputs, pre, outputs, reasons);
    }

    /** What the call learned from a path it only observed. */
    public static Observation observation(Set<EventKind> kinds) {
        // Listing a directory opens it for reading too; only directories can be listed.
        if (kinds.contains(EventKind.LIST_DIR)) {
            return Observation.LISTING;
        }
        if (kinds.contains(EventKind.READ) || kinds.contains(EventKind.EXEC)) {
            return Observation.CONTENT;
        }
        return Observation.EXISTENCE;
    }

    private static InputState preState(PathTrace t) {
        if (t.preState() != null) {
            return t.preState();
        }
        // A probe that found nothing, or a create that made something new, both prove that
        // nothing was there before the call.
        Set<EventKind> before = t.observedBeforeMutation();
        if (t.first() == EventKind.DELETE || t.first() == EventKind.RENAME_FROM) {
            return null;
        }
        if (overwroteExistingFile(t, before)) {
            return new InputState.Present(InputState.FileType.FILE);
        }
        before.remove(EventKind.PROBE_MISSING);
        boolean provenAbsent = t.observedBeforeMutation().contains(EventKind.PROBE_MISSING)
                || t.firstMutation() == EventKind.CREATE || t.firstMutation() == EventKind.MKDIR;
        return before.isEmpty() && provenAbsent ? InputState.Absent.INSTANCE : null;
    }

    /**
     * Whether the call only checked that the path existed (and was not a directory), then
     * truncated and rewrote it, as {@code cp} does to an existing target: before the call it was
     * a file, whatever its content. Proof of existence is an open for writing without O_CREAT
     * that succeeded; nothing else may have happened to the path (no read of its content, no
     * delete, rename or create), so what the call depended on is "a file is there".
     */
    private static boolean overwroteExistingFile(PathTrace t, Set<EventKind> before) {
        if (!before.contains(EventKind.OPENED_EXISTING)) {
            return false;
        }
        for (EventKind k : before) {
            if (k != EventKind.OPENED_EXISTING && k != EventKind.STAT) {
                return false;
            }
        }
        for (EventKind k : t.kinds()) {
            if (k.mutates() && k != EventKind.WRITE) {
                return false;
            }
        }
        return true;
    }
}
