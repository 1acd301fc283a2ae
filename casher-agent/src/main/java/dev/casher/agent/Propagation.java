package dev.casher.agent;

import dev.casher.internal.record.CallContext;
import dev.casher.internal.record.Recording;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.FutureTask;

/**
 * Carries {@link CallContext} chains with work, per task: captured where work is submitted,
 * attached where it runs. Never an inherited thread-local, which would pin a pooled thread to
 * whichever call created it.
 *
 * <ul>
 *   <li>ForkJoinTasks and FutureTasks are <em>tagged</em> (a weak identity of the task to its
 *       chain; a submission from a thread with no chain is tagged "none", so a worker helping
 *       with it does not lend it the chain of the task it is joining) and attached around
 *       {@code doExec}/{@code run}. Tagging keeps the task's identity, which pools and
 *       {@code afterExecute} overrides rely on.</li>
 *   <li>Other Runnables and Callables are wrapped.</li>
 *   <li>A started thread gets its starter's chain, attached lazily at its first event, unless
 *       that call has returned by then; pool workers (ThreadPoolExecutor, ForkJoinPool) are
 *       excluded and only get chains per task.</li>
 * </ul>
 *
 * <p>Thread-safe. Only called while recordings are open (the hooks' fast path), except
 * {@link #poolWorker}.
 */
final class Propagation {
    private static final Object NONE = new Object();
    private static final Map<Object, Object> TAGS =
            Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<Thread, CallContext> STARTED =
            Collections.synchronizedMap(new WeakHashMap<>());
    /** The recording a started thread attached lazily, to drop it once that call returns. */
    private static final ThreadLocal<Recording> LAZY = new ThreadLocal<>();
    /** Recordings whose call has returned: a start chain naming one is dropped. */
    private static final Map<Recording, Boolean> CLOSED =
            Collections.synchronizedMap(new WeakHashMap<>());

    private Propagation() {}

    /**
     * Loads and initialises the classes the hooks use, so no class loading (itself file I/O
     * that would be reported) happens inside a hook later.
     */
    static void preload() {
        new Restore(null).previous();
        new ChainedRunnable(null, () -> { }).toString();
        new ChainedCallable<>(null, () -> null).toString();
        ensureAttached();
    }

    /**
     * Attaches the chain captured at {@code Thread.start} if this thread has none yet, and drops
     * such a chain once its call has returned: a thread that outlives the call that started it
     * (a worker of a custom pool) must not report later work into that call; with no chain,
     * its events taint the recordings then open.
     */
    static void ensureAttached() {
        CallContext current = CallContext.current();
        if (current == null) {
            if (!STARTED.isEmpty()) {
                CallContext chain = STARTED.remove(Thread.currentThread());
                if (chain != null && !CLOSED.containsKey(chain.recording())) {
                    CallContext.attach(chain);
                    LAZY.set(chain.recording());
                }
            }
            return;
        }
        Recording lazy = LAZY.get();
        if (lazy != null && current.recording() == lazy && CLOSED.containsKey(lazy)) {
            LAZY.remove();
            CallContext.attach(null);
        }
    }

    /** The current chain, after a pending {@code Thread.start} chain was attached. */
    static CallContext capture() {
        ensureAttached();
        return CallContext.capture();
    }

    static void threadStarted(Object thread) {
        if (thread == null) {
            poolWorker();
            return;
        }
        if (thread instanceof ForkJoinWorkerThread) {
            return;
        }
        CallContext chain = capture();
        if (chain != null) {
            STARTED.put((Thread) thread, chain);
        }
    }

    /** The recording of {@code frame} closes: its call returned. */
    static void closing(Object frame) {
        CLOSED.put(((CallContext) frame).recording(), Boolean.TRUE);
    }

    /** This thread is a pool worker: forget any chain pending from its start. */
    static void poolWorker() {
        if (!STARTED.isEmpty()) {
            STARTED.remove(Thread.currentThread());
        }
    }

    /** Returns what to submit in place of {@code task}. */
    static Object submitted(Object task) {
        CallContext chain = capture();
        if (task instanceof ForkJoinTask || task instanceof FutureTask) {
            TAGS.put(task, chain == null ? NONE : chain);
            return task;
        }
        if (chain == null) {
            return task;
        }
        if (task instanceof Runnable) {
            return new ChainedRunnable(chain, (Runnable) task);
        }
        if (task instanceof Callable) {
            return new ChainedCallable<>(chain, (Callable<?>) task);
        }
        return task;
    }

    /** A tagged task starts: attach its chain; returns the restore token (null: untagged). */
    static Object taskStarted(Object task) {
        Object tag = TAGS.remove(task);
        if (tag == null) {
            return null;
        }
        poolWorker();
        return new Restore(CallContext.attach(tag == NONE ? null : (CallContext) tag));
    }

    static void taskEnded(Object token) {
        CallContext.detach(((Restore) token).previous());
    }

    private record Restore(CallContext previous) {}

    /** A Runnable that runs with the chain of the thread that submitted it. */
    static final class ChainedRunnable implements Runnable {
        private final CallContext chain;
        private final Runnable task;

        ChainedRunnable(CallContext chain, Runnable task) {
            this.chain = chain;
            this.task = task;
        }

        @Override
        public void run() {
            CallContext prev = CallContext.attach(chain);
            try {
                task.run();
            } finally {
                CallContext.detach(prev);
            }
        }

        @Override
        public String toString() {
            return task.toString();
        }
    }

    /** A Callable that runs with the chain of the thread that submitted it. */
    static final class ChainedCallable<V> implements Callable<V> {
        private final CallContext chain;
        private final Callable<V> task;

        ChainedCallable(CallContext chain, Callable<V> task) {
            this.chain = chain;
            this.task = task;
        }

        @Override
        public V call() throws Exception {
            CallContext prev = CallContext.attach(chain);
            try {
                return task.call();
            } finally {
                CallContext.detach(prev);
            }
        }

        @Override
        public String toString() {
            return task.toString();
        }
    }
}
