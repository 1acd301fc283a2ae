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
