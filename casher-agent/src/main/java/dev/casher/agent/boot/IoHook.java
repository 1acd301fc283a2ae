package dev.casher.agent.boot;

import java.util.function.BinaryOperator;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;

/**
 * The hook that advice woven into {@code java.base} calls: a few static fields and methods,
 * defined in the boot loader so JDK classes can see it. It knows nothing of casher; the agent
 * sets JDK functional interfaces that forward to the recording machinery in the application
 * loader.
 *
 * <p>Rules for this package, because its code runs inside JDK I/O paths: no lambdas, no string
 * concatenation (both bootstrap {@code invokedynamic}), no file I/O, no static initialiser work
 * beyond field defaults. Every event is guarded by a per-thread busy flag, so I/O done while
 * handling an event (hashing a file before it is overwritten, loading a class) is not reported.
 *
 * <p>Thread-safe. Never throws into the hooked JDK method (advice also suppresses throwables).
 */
public final class IoHook {
    /** Event kind codes; equal to the ordinals of {@code dev.casher.internal.record.EventKind}. */
    public static final int READ = 0;
    /** @see #READ */
    public static final int PROBE_MISSING = 1;
    /** @see #READ */
    public static final int LIST_DIR = 2;
    /** @see #READ */
    public static final int STAT = 3;
    /** @see #READ */
    public static final int WRITE = 5;
    /** @see #READ */
    public static final int CREATE = 6;
    /** @see #READ */
    public static final int MKDIR = 7;
    /** @see #READ */
    public static final int DELETE = 8;
    /** @see #READ */
    public static final int RENAME_FROM = 9;
    /** @see #READ */
    public static final int RENAME_TO = 10;

    /** Whether any recording is open: the fast path every hook checks first. */
    public static volatile boolean active;

    /** Receives (path, kind); the path is a String, File or Path. */
    public static volatile ObjIntConsumer<Object> events;
    /** Before a path changes: captures its pre-call state; returns 1 existed, 0 absent, -1 n/a. */
    public static volatile ToIntFunction<Object> mutations;
    /** As {@link #mutations}, for opens that keep the old content (append, no truncation). */
    public static volatile ToIntFunction<Object> keepingMutations;
    /** Wraps a submitted Runnable or Callable, or tags a ForkJoinTask; returns what to submit. */
    public static volatile UnaryOperator<Object> submissions;
    /** Attaches the chain captured for a task about to run; returns a token for taskEnd. */
    public static volatile UnaryOperator<Object> taskStarts;
    /** Restores the chain a {@link #taskStart} token holds. */
    public static volatile Consumer<Object> taskEnds;
    /** A Thread is being started: capture the starter's chain for it. */
    public static volatile Consumer<Object> threadStarts;
    /**
     * A child process is about to be launched: receives {@code {String[] command, Map env,
     * String dir, Redirect[] redirects, Boolean redirectErrorStream}}, may replace the command
     * and redirects in that array, and returns a token for {@link #launched} (null: nothing).
     */
    public static volatile UnaryOperator<Object> launches;
    /** Receives (launch token, the started Process or null); returns the Process to return. */
    public static volatile BinaryOperator<Object> launcheds;
    /** The innermost chain frame of a thread is about to close. */
    public static volatile Consumer<Object> closings;
    /** Whether recordings are open, read under the lock in {@link #refresh}. */
    public static volatile BooleanSupplier openProbe;

    private static final Busy BUSY = new Busy();

    private IoHook() {}

    /** Recomputes {@link #active}; serialised so the last writer saw the latest open count. */
    public static void refresh() {
        synchronized (IoHook.class) {
            BooleanSupplier p = openProbe;
            active = p != null && p.getAsBoolean();
        }
    }

    /** Reports one event on the current thread. */
    public static void event(int kind, Object path) {
        ObjIntConsumer<Object> s = events;
        if (s == null || path == null) {
            return;
        }
        boolean[] busy = BUSY.get();
        if (busy[0]) {
            return;
        }
        busy[0] = true;
        try {
            s.accept(path, kind);
        } finally {
            busy[0] = false;
        }
    }

    /** Reports a rename: both paths. */
    public static void rename(Object from, Object to) {
        event(RENAME_FROM, from);
        event(RENAME_TO, to);
    }

    /** Reports a write-open that succeeded: create if the path was absent before, else write. */
    public static void written(Object path, int existed) {
        event(existed == 0 ? CREATE : WRITE, path);
    }

    /**
     * Called before a path is changed; returns whether it existed (1), was absent (0), or -1 when
     * no recording on this thread cares.
     */
    public static int beforeMutation(Object path) {
        return mutation(mutations, path);
    }

    /**
     * Called before a write-open that keeps the old content (append, read-write, no
     * truncation): an existing file is then also read, since its final content depends on it.
     * Returns as {@link #beforeMutation}.
     */
    public static int beforeKeepingWrite(Object path) {
        return mutation(keepingMutations, path);
    }

    private static int mutation(ToIntFunction<Object> m, Object path) {
        if (m == null || path == null) {
            return -1;
        }
        boolean[] busy = BUSY.get();
        if (busy[0]) {
            return -1;
        }
        busy[0] = true;
        try {
            return m.applyAsInt(path);
        } finally {
            busy[0] = false;
        }
    }

    /** Returns what to submit in place of {@code task} (wrapped, or the same object). */
    public static Object submit(Object task) {
        UnaryOperator<Object> s = submissions;
        if (s == null || task == null) {
            return task;
        }
        boolean[] busy = BUSY.get();
        if (busy[0]) {
            return task;
        }
        busy[0] = true;
        try {
            return s.apply(task);
        } finally {
            busy[0] = false;
        }
    }

    /** A task is about to run; returns the token for {@link #taskEnd} (null: nothing to undo). */
    public static Object taskStart(Object task) {
        UnaryOperator<Object> s = taskStarts;
        if (s == null) {
            return null;
        }
        boolean[] busy = BUSY.get();
        if (busy[0]) {
            return null;
        }
        busy[0] = true;
        try {
            return s.apply(task);
        } finally {
            busy[0] = false;
        }
    }

    /** A task ended; undoes {@link #taskStart}. */
    public static void taskEnd(Object token) {
        Consumer<Object> e = taskEnds;
        if (e != null && token != null) {
            e.accept(token);
        }
    }

    /** A thread is being started; {@code null} means the current thread became a pool worker. */
    public static void threadStart(Object thread) {
        guarded(threadStarts, thread);
    }

    /** The chain frame {@code frame} is closing (its recording ends). */
    public static void closing(Object frame) {
        if (frame != null) {
            guarded(closings, frame);
        }
    }

    /** A child process is about to be launched; see {@link #launches}. */
    public static Object launch(Object[] launch) {
        UnaryOperator<Object> l = launches;
        if (l == null) {
            return null;
        }
        boolean[] busy = BUSY.get();
        if (busy[0]) {
            return null;
        }
        busy[0] = true;
        try {
            return l.apply(launch);
        } finally {
            busy[0] = false;
        }
    }

    /** The launch of {@link #launch} returned {@code process} (null if it threw). */
    public static Object launched(Object token, Object process) {
        BinaryOperator<Object> l = launcheds;
        if (l == null || token == null) {
            return process;
        }
        boolean[] busy = BUSY.get();
        if (busy[0]) {
            return process;
        }
        busy[0] = true;
        try {
            return l.apply(token, process);
        } finally {
            busy[0] = false;
        }
    }

    /**
     * Runs {@code work} with this thread's hooks silenced: casher's own I/O outside a hook (a
     * child's trace read on the JDK's process reaper thread, and the classes that loads) is
     * neither an event nor unattributed.
     */
    public static void quietly(Runnable work) {
        boolean[] busy = BUSY.get();
        boolean was = busy[0];
        busy[0] = true;
        try {
            work.run();
        } finally {
            busy[0] = was;
        }
    }

    private static void guarded(Consumer<Object> c, Object arg) {
        if (c == null) {
            return;
        }
        boolean[] busy = BUSY.get();
        if (busy[0]) {
            return;
        }
        busy[0] = true;
        try {
            c.accept(arg);
        } finally {
            busy[0] = false;
        }
    }

    /** The per-thread busy flag (a named class: no lambdas in boot code). */
    static final class Busy extends ThreadLocal<boolean[]> {
        @Override
        protected boolean[] initialValue() {
            return new boolean[1];
        }
    }
}
