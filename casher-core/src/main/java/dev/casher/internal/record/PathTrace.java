package dev.casher.internal.record;

import dev.casher.internal.lookup.InputState;
import java.util.EnumSet;
import java.util.Set;

/**
 * What one recording saw happen to one path: the kinds of events, and the order in which the
 * first observation and the first mutation came. Guarded by the owning {@link Recording}'s lock.
 */
public final class PathTrace {
    private final EnumSet<EventKind> kinds = EnumSet.noneOf(EventKind.class);
    private final EnumSet<EventKind> beforeMutation = EnumSet.noneOf(EventKind.class);
    private EventKind firstMutation;
    private EventKind first;
    private long firstObserved = -1;
    private long firstMutated = -1;
    private long last = -1;
    private long lastMutated = -1;
    private InputState preState;

    void add(EventKind kind, long seq) {
        if (first == null) {
            first = kind;
        }
        kinds.add(kind);
        last = seq;
        if (kind.mutates()) {
            lastMutated = seq;
        }
        if (firstMutated < 0 && kind.observes()) {
            beforeMutation.add(kind);
        }
        if (kind.observes() && firstObserved < 0) {
            firstObserved = seq;
        } else if (kind.mutates() && firstMutated < 0) {
            firstMutated = seq;
            firstMutation = kind;
        }
    }

    void preState(InputState state) {
        if (preState == null) {
            preState = state;
        }
    }

    /** Every kind of event seen on the path. */
    public Set<EventKind> kinds() {
        return kinds.isEmpty() ? EnumSet.noneOf(EventKind.class) : EnumSet.copyOf(kinds);
    }

    /** The observations made before the first mutation (all of them if never mutated). */
    public Set<EventKind> observedBeforeMutation() {
        return beforeMutation.isEmpty() ? EnumSet.noneOf(EventKind.class) : EnumSet.copyOf(beforeMutation);
    }

    /** The kind of the first mutation, or {@code null}. */
    public EventKind firstMutation() {
        return firstMutation;
    }

    /** The kind of the first event on the path. */
    public EventKind first() {
        return first;
    }

    /** Whether the call observed the path (read, probe, list, stat, exec). */
    public boolean observed() {
        return firstObserved >= 0;
    }

    /** Whether the call changed the path. */
    public boolean mutated() {
        return firstMutated >= 0;
    }

    /** Whether the first observation came before the first mutation (read-before-write). */
    public boolean observedBeforeMutated() {
        return observed() && (!mutated() || firstObserved < firstMutated);
    }

    /**
     * The state the path had before the call changed it, captured by a tracker at the first
     * mutation (e.g. hashed at the first write-open, before truncation); {@code null} if unknown.
     */
    public InputState preState() {
        return preState;
    }

    /** The sequence number of the latest event on the path. */
    long last() {
        return last;
    }

    /** The sequence number of the latest mutation of the path, or -1. */
    long lastMutated() {
        return lastMutated;
    }

    PathTrace copy() {
        PathTrace c = new PathTrace();
        c.kinds.addAll(kinds);
        c.beforeMutation.addAll(beforeMutation);
        c.firstMutation = firstMutation;
        c.first = first;
        c.firstObserved = firstObserved;
        c.firstMutated = firstMutated;
        c.last = last;
        c.lastMutated = lastMutated;
        c.preState = preState;
        return c;
    }
}
