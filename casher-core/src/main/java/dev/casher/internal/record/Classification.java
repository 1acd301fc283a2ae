package dev.casher.internal.record;

import dev.casher.internal.lookup.InputState;
import dev.casher.internal.lookup.Observation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The verdict on a recording: which paths are inputs (with what was observed, or the state
 * captured before the call changed them), which are outputs, and why the run cannot be stored,
 * if it cannot.
 *
 * @param inputs input paths whose state is read after the call (they were not changed by it)
 * @param preStates input paths the call also changed, with their state from before the call
 * @param outputs paths whose final state is restored on a hit, in first-seen order
 * @param uncacheable reasons the run must not be stored; empty if it can be
 */
public record Classification(Map<Path, Observation> inputs, Map<Path, InputState> preStates,
        Set<Path> outputs, List<String> uncacheable) {
    public Classification {
        inputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
        preStates = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(preStates));
        outputs = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(outputs));
        uncacheable = List.copyOf(uncacheable);
    }

    /** Whether the run may be stored. */
    public boolean cacheable() {
        return uncacheable.isEmpty();
    }
}
