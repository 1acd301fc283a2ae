package dev.casher.internal.store;

import dev.casher.internal.lookup.InputSet;
import dev.casher.internal.util.Digest;
import java.util.List;
import java.util.Objects;

/**
 * What an action key names: the input sets earlier runs of the same action depended on, newest
 * first, each pointing to the entry that run produced (two-phase lookup, as ccache's direct mode
 * and BuildXL do). Immutable; bounded to {@link #MAX_CANDIDATES}.
 */
public record Manifest(List<Candidate> candidates) {
    /** How many input sets a manifest keeps; older ones are dropped first. */
    public static final int MAX_CANDIDATES = 16;

    /** The manifest with no candidates. */
    public static final Manifest EMPTY = new Manifest(List.of());

    public Manifest {
        candidates = List.copyOf(candidates);
        if (candidates.size() > MAX_CANDIDATES) {
            candidates = candidates.subList(0, MAX_CANDIDATES);
        }
    }

    /** One earlier run: what it read, and the entry it produced. */
    public record Candidate(InputSet inputs, Digest entry) {
        public Candidate {
            Objects.requireNonNull(inputs, "inputs");
            Objects.requireNonNull(entry, "entry");
        }
    }

    /**
     * This manifest with {@code c} added in front; a candidate with an equal input set is replaced
     * (the newer run wins).
     */
    public Manifest withNewest(Candidate c) {
        List<Candidate> next = new java.util.ArrayList<>(candidates.size() + 1);
        next.add(c);
        for (Candidate old : candidates) {
            if (!old.inputs().equals(c.inputs())) {
                next.add(old);
            }
        }
        return new Manifest(next);
    }
}
