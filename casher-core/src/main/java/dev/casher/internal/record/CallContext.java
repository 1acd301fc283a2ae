package dev.casher.internal.record;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cached calls a thread is working for: a chain of recordings, innermost first. Events and
 * output on a thread go to every recording of its chain, so an inner cached call's inputs and
 * outputs also flow into the outer call's recording.
 *
 * <p>The chain travels with submitted work, not with thread creation: trackers {@link #capture}
 * it where a task is submitted and {@link #attach} it where the task runs (an inherited
 * thread-local would attribute a pooled thread's work to whichever call created the thread).
 * An event on a thread with no chain while recordings are open cannot be attributed; it taints
 * every open recording, so no result is stored from a run whose inputs may be incomplete.
 * {@code .class} files under class-path directories are code, keyed by the code fingerprint, and
 * never events; nor are class-path jars opened on a thread outside any call (class loading).
 *
 * <p>Thread-safe. Frames are immutable.
 */
public final class CallContext {
    private static final ThreadLocal<CallContext> CURRENT = new ThreadLocal<>();
    private static final Set<Recording> OPEN = ConcurrentHashMap.newKeySet();
    private static volatile int openCount;
    private static volatile Path[] ignored = {Path.of("/proc"), Path.of("/sys"), Path.of("/dev"),
        Path.of(System.getProperty("java.home", "/nonexistent-java-home"))};

    private final Recording recording;
    private final CallContext parent;

    private CallContext(Recording recording, CallContext parent) {
        this.recording = recording;
        this.parent = parent;
    }

    /** The innermost recording of this frame. */
    public Recording recording() {
        return recording;
    }

    /** The chain of the current thread, or {@code null}. */
    public static CallContext current() {
        return CURRENT.get();
    }

    /** Whether any recording is open in this JVM (cheap: one volatile read). */
    public static boolean anyOpen() {
        return openCount > 0;
    }

    /**
     * Opens {@code recording} on the current thread, nested in the thread's chain; returns the
     * previous chain, to be passed to {@link #exit}.
     */
    public static CallContext enter(Recording recording) {
        CallContext prev = CURRENT.get();
        CURRENT.set(new CallContext(recording, prev));
        synchronized (OPEN) {
            OPEN.add(recording);
            openCount = OPEN.size();
        }
        return prev;
    }

    /** Closes the innermost recording of this thread and restores {@code previous}. */
    public static void exit(CallContext previous) {
        CallContext cur = CURRENT.get();
        if (cur != null) {
            synchronized (OPEN) {
                OPEN.remove(cur.recording);
                openCount = OPEN.size();
            }
        }
        CURRENT.set(previous);
    }

    /** The current chain, to hand to work submitted from this thread; may be {@code null}. */
    public static CallContext capture() {
        return CURRENT.get();
    }

    /** Makes {@code chain} current on this thread (a task starts); returns what to restore. */
    public static CallContext attach(CallContext chain) {
        CallContext prev = CURRENT.get();
        CURRENT.set(chain);
        return prev;
    }

    /** Restores the chain {@link #attach} returned (a task ends). */
    public static void detach(CallContext previous) {
        CURRENT.set(previous);
    }

    /**
     * Reports an event from a tracker on the current thread. With no chain on this thread while
     * recordings are open, every open recording is tainted instead.
     */
    public static void event(EventKind kind, Path path) {
        CallContext c = CURRENT.get();
        if (c == null && openCount == 0) {
            return;
        }
        if (isIgnored(path) || ClassPathCode.isClassFile(path)) {
            return;
        }
        if (c == null) {
            // Class loading (casher's own, or any other thread's) opens class-path jars lazily.
            if (openCount > 0 && !ClassPathCode.isJar(path)) {
                taintAll("unattributed " + kind.name().toLowerCase(java.util.Locale.ROOT) + " of "
                        + path + " on thread '" + Thread.currentThread().getName() + "'");
            }
            return;
        }
        for (CallContext f = c; f != null; f = f.parent) {
            f.recording.event(kind, path);
        }
    }

    /**
     * Drops events under {@code prefix} at the source: the cache directory (written by casher's
     * own background threads while calls record) and system locations are never inputs.
     */
    public static synchronized void ignore(Path prefix) {
        Path p = prefix.toAbsolutePath().normalize();
        for (Path q : ignored) {
            if (q.equals(p)) {
                return;
            }
        }
        Path[] next = java.util.Arrays.copyOf(ignored, ignored.length + 1);
        next[ignored.length] = p;
        ignored = next;
    }

    /** Whether events on {@code path} (absolute, normalised) are dropped at the source. */
    public static boolean isIgnored(Path path) {
        for (Path p : ignored) {
            if (path.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** Reports, before a mutation, so each recording can capture the path's pre-call state. */
    public static void beforeMutation(Path path) {
        for (CallContext f = CURRENT.get(); f != null; f = f.parent) {
            f.recording.beforeMutation(path);
        }
    }

    /**
     * Lets a tracker attach a chain lazily on a thread that has none yet (a thread started inside
     * a call gets its chain at its first event or output).
     */
    public static void setLazyAttach(Runnable hook) {
        lazyAttach = hook;
    }

    private static volatile Runnable lazyAttach;

    /** Copies output written on this thread into its recordings; false if there are none. */
    public static boolean output(StreamTag stream, byte[] b, int off, int len) {
        CallContext c = CURRENT.get();
        Runnable lazy = lazyAttach;
        if (c == null && lazy != null) {
            lazy.run();
            c = CURRENT.get();
        }
        if (c == null) {
            return false;
        }
        for (CallContext f = c; f != null; f = f.parent) {
            f.recording.output(stream, b, off, len);
        }
        return true;
    }

    /** The recordings of this thread's chain, innermost first; empty if it has none. */
    public static java.util.List<Recording> recordings() {
        java.util.List<Recording> out = new java.util.ArrayList<>(2);
        for (CallContext f = CURRENT.get(); f != null; f = f.parent) {
            out.add(f.recording);
        }
        return out;
    }

    /** Taints every recording of this thread's chain. */
    public static void taintCurrent(String reason) {
        for (CallContext f = CURRENT.get(); f != null; f = f.parent) {
            f.recording.taint(reason);
        }
    }

    /** Taints every open recording in the JVM. */
    public static void taintAll(String reason) {
        for (Recording r : OPEN) {
            r.taint(reason);
        }
    }
}
