package dev.casher.agent;

import dev.casher.internal.lookup.FileDigester;
import dev.casher.internal.lookup.InputStates;
import dev.casher.internal.lookup.StatCache;
import dev.casher.internal.record.CallContext;
import dev.casher.internal.record.EventKind;
import dev.casher.internal.record.PathTrace;
import dev.casher.internal.record.Recording;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Runs an action inside a fresh recording on the current thread and returns what it saw. */
public final class Recorded {
    /** Work that may throw. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private Recorded() {}

    /** A new recording the way the core engine makes one. */
    public static Recording newRecording() {
        return new Recording(new InputStates(new FileDigester(StatCache.NONE)), 0);
    }

    /** Runs {@code action} in a recording; returns its snapshot. */
    public static Recording.Snapshot run(Action action) throws Exception {
        Recording rec = newRecording();
        CallContext prev = CallContext.enter(rec);
        try {
            action.run();
        } finally {
            CallContext.exit(prev);
        }
        return rec.snapshot();
    }

    /** The kinds seen per path. */
    public static Map<Path, Set<EventKind>> kinds(Recording.Snapshot s) {
        Map<Path, Set<EventKind>> out = new LinkedHashMap<>();
        for (Map.Entry<Path, PathTrace> e : s.paths().entrySet()) {
            out.put(e.getKey(), e.getValue().kinds());
        }
        return out;
    }
}
