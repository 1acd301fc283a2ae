package dev.casher.internal.record;

import dev.casher.internal.lookup.InputState;
import dev.casher.internal.lookup.InputStates;
import dev.casher.internal.lookup.Observation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything observed while one cached call runs: file events merged per path (in order of
 * first appearance), captured stdout/stderr chunks, and taints (reasons the result must not be
 * stored). Fed by trackers (agent, strace, declarations) and by the stream tee; thread-safe,
 * since a call's work may run on many threads.
 *
 * <p>Traced child processes ({@link Subprocess}) join late: their events are known only once
 * they exit, so they are appended then, as if the child did everything at the instant it was
 * seen to exit. That order is safe: a parent read of a file the child wrote is recorded as
 * read-then-written (uncacheable unless its pre-call state is known), never the reverse; and a
 * path that both the call and a running child used, with a change on either side, taints the
 * run, since their real order is unknown.
 */
public final class Recording {
    private final InputStates states;
    private final long startedAtNanos;
    private final Map<Path, PathTrace> paths = new LinkedHashMap<>();
    private final List<OutputChunk> chunks = new ArrayList<>();
    private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
    private StreamTag pendingStream;
    private final List<String> taints = new ArrayList<>();
    private long seq;
    private long capturedBytes;
    private final List<Child> children = new ArrayList<>();
    private boolean childrenFinished;

    /**
     * @param states reads pre-call states of paths about to be changed
     * @param startedAtNanos the file system's clock when the call started ({@code CacheStore#fileSystemNow})
     */
    public Recording(InputStates states, long startedAtNanos) {
        this.states = states;
        this.startedAtNanos = startedAtNanos;
    }

    /** The file system's clock when the call started (epoch ns). */
    public long startedAtNanos() {
        return startedAtNanos;
    }

    /** Records one event. */
    public void event(EventKind kind, Path path) {
        Path p = path.toAbsolutePath().normalize();
        synchronized (this) {
            paths.computeIfAbsent(p, k -> new PathTrace()).add(kind, seq++);
        }
    }

    /** Records one event. */
    public void event(FileEvent e) {
        event(e.kind(), e.path());
    }

    /**
     * Called by a tracker just before the call changes {@code path} (e.g. opens it for writing,
     * deletes or renames it). If the call observed the path earlier and has not changed it yet,
     * its current state is the pre-call state the result depends on, and is captured now.
     */
    public void beforeMutation(Path path) {
        Path p = path.toAbsolutePath().normalize();
        PathTrace t;
        synchronized (this) {
            t = paths.get(p);
            if (t == null || !t.observed() || t.mutated() || t.preState() != null) {
                return;
            }
        }
        InputState s;
        try {
            s = states.current(p, t.kinds().contains(EventKind.LIST_DIR)
                    ? Observation.LISTING : Observation.CONTENT);
        } catch (IOException e) {
            taint("could not read " + p + " before the call changed it: " + e.getMessage());
            return;
        }
        synchronized (this) {
            t.preState(s);
        }
    }

    /**
     * Records the state {@code path} had before the call, when a tracker knows it from elsewhere
     * (strace reports after the fact: a renamed file's content is found at the rename target, a
     * deleted file is known to have existed). Ignored if a pre-call state is already known.
     */
    public synchronized void preState(Path path, InputState state) {
        PathTrace t = paths.get(path.toAbsolutePath().normalize());
        if (t != null) {
            t.preState(state);
        }
    }

    /** Appends bytes written to stdout or stderr. */
    public synchronized void output(StreamTag stream, byte[] b, int off, int len) {
        if (len <= 0) {
            return;
        }
        // Consecutive writes to one stream form one chunk (println writes text and newline apart).
        if (pendingStream != stream) {
            closeChunk();
            pendingStream = stream;
        }
        pending.write(b, off, len);
        capturedBytes += len;
    }

    private void closeChunk() {
        if (pendingStream != null && pending.size() > 0) {
            chunks.add(new OutputChunk(pendingStream, pending.toByteArray()));
        }
        pending.reset();
        pendingStream = null;
    }

    /** Marks the recording as not storable, with a reason for stats and logs. */
    public synchronized void taint(String reason) {
        if (!taints.contains(reason) && taints.size() < 20) {
            taints.add(reason);
        }
    }

    /**
     * Registers a child process the call is starting now (before it runs, so everything the
     * call records from here on counts as concurrent with it). Ignored after
     * {@link #finishChildren}.
     */
    public synchronized void childStarted(Subprocess child) {
        if (!childrenFinished) {
            children.add(new Child(child, seq));
        }
    }

    /**
     * {@code child} exited (seen by the JDK's process reaper, or by the call's {@code waitFor}):
     * merges its events now, so what the call records next is ordered after them. No-op if not
     * registered here, already merged, or after {@link #finishChildren}.
     */
    public void childExited(Subprocess child) {
        Child c;
        synchronized (this) {
            c = pendingChild(child);
        }
        if (c != null) {
            merge(c, child.result());
        }
    }

    /**
     * Settles every registered child before the recording is snapshot: a finished child's
     * events are merged (its reasons become taints); a child still running taints the run,
     * since it may still read or write (it is not waited for: the call has returned).
     */
    public void finishChildren() {
        List<Child> pending = new ArrayList<>();
        synchronized (this) {
            childrenFinished = true;
            for (Child c : children) {
                if (!c.merged) {
                    pending.add(c);
                }
            }
        }
        for (Child c : pending) {
            if (c.child.running()) {
                synchronized (this) {
                    c.merged = true;
                }
                taint("subprocess still running when the call returned: " + c.child.command());
            } else {
                merge(c, c.child.result());
            }
        }
    }

    private Child pendingChild(Subprocess child) {
        if (childrenFinished) {
            return null;
        }
        for (Child c : children) {
            if (c.child == child && !c.merged) {
                return c;
            }
        }
        return null;
    }

    private synchronized void merge(Child c, Subprocess.Result r) {
        if (c.merged) {
            return;
        }
        c.merged = true;
        String cmd = c.child.command();
        for (String reason : r.uncacheableReasons()) {
            taint("subprocess " + cmd + ": " + reason);
        }
        for (FileEvent e : r.events()) {
            PathTrace t = paths.get(e.path());
            // The call used the path while the child ran and one side changed it: which came
            // first is unknown, and the wrong guess could hide an input.
            if (t != null && t.last() >= c.startSeq
                    && (e.kind().mutates() || t.lastMutated() >= c.startSeq)) {
                taint("the call and its subprocess used " + e.path()
                        + " concurrently, in an unknown order: " + cmd);
            }
        }
        for (FileEvent e : r.events()) {
            event(e.kind(), e.path());
        }
    }

    /** A registered child: the sequence number when it started, and whether it was merged. */
    private static final class Child {
        final Subprocess child;
        final long startSeq;
        boolean merged;

        Child(Subprocess child, long startSeq) {
            this.child = child;
            this.startSeq = startSeq;
        }
    }

    /** A consistent copy of what was recorded so far. */
    public synchronized Snapshot snapshot() {
        closeChunk();
        Map<Path, PathTrace> copy = new LinkedHashMap<>();
        paths.forEach((k, v) -> copy.put(k, v.copy()));
        return new Snapshot(copy, List.copyOf(chunks), List.copyOf(taints), capturedBytes);
    }

    /** What a recording holds at one instant. */
    public record Snapshot(Map<Path, PathTrace> paths, List<OutputChunk> chunks,
            List<String> taints, long capturedBytes) {}
}
