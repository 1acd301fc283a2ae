package dev.casher.agent;

import dev.casher.agent.boot.IoHook;
import dev.casher.internal.record.CallContext;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Advice that carries a cached call's context chain with submitted work, and notices child
 * processes. Work is tagged or wrapped where it is submitted ({@code Thread.start},
 * {@code ThreadPoolExecutor.execute}, ForkJoinPool submissions, {@code ForkJoinTask.fork}) and
 * the chain is attached where it runs ({@code ForkJoinTask.doExec}, {@code FutureTask.run}, or the
 * wrapper). Inlined into {@code java.base}; throwables suppressed.
 */
final class TaskAdvice {
    private TaskAdvice() {}

    /** {@code Thread.start}: the new thread gets the starter's chain unless it is a pool worker. */
    static final class ThreadStart {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object thread) {
            if (IoHook.active) {
                IoHook.threadStart(thread);
            }
        }
    }

    /** {@code ThreadPoolExecutor.runWorker}: a pool worker gets chains per task only. */
    static final class PoolWorker {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            IoHook.threadStart(null);
        }
    }

    /** Submissions with the task as argument 0: tag it or replace it with a wrapper. */
    static final class Submit {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(value = 0, readOnly = false,
                typing = Assigner.Typing.DYNAMIC) Object task) {
            if (IoHook.active) {
                task = IoHook.submit(task);
            }
        }
    }

    /** {@code ScheduledThreadPoolExecutor.delayedExecute(task)}: tag the FutureTask in place. */
    static final class TagArgument {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Object task) {
            if (IoHook.active) {
                IoHook.submit(task);
            }
        }
    }

    /** {@code ForkJoinTask.fork()}: tag the task with the forking thread's chain. */
    static final class Fork {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object task) {
            if (IoHook.active) {
                IoHook.submit(task);
            }
        }
    }

    /** {@code ForkJoinTask.doExec()} and {@code FutureTask.run()}: attach the task's chain. */
    static final class Run {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object task) {
            return IoHook.active ? IoHook.taskStart(task) : null;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object token) {
            if (token != null) {
                IoHook.taskEnd(token);
            }
        }
    }

    /**
     * {@code ProcessImpl.start} (every {@code ProcessBuilder.start}, {@code Runtime.exec} and
     * pipeline stage): the launch may be rewritten to run under strace, with inherited
     * stdout/stderr turned into forwarded pipes; the Process returned may be replaced.
     */
    static final class ProcessLaunch {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.Argument(value = 0, readOnly = false) String[] command,
                @Advice.Argument(1) Map<String, String> env, @Advice.Argument(2) String dir,
                @Advice.Argument(value = 3, readOnly = false) ProcessBuilder.Redirect[] redirects,
                @Advice.Argument(4) boolean redirectErrorStream) {
            if (!IoHook.active) {
                return null;
            }
            Object[] launch = new Object[] {command, env, dir, redirects,
                Boolean.valueOf(redirectErrorStream)};
            Object token = IoHook.launch(launch);
            if (token != null) {
                command = (String[]) launch[0];
                redirects = (ProcessBuilder.Redirect[]) launch[3];
            }
            return token;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object token, @Advice.Return(readOnly = false,
                typing = Assigner.Typing.DYNAMIC) Object process) {
            if (token != null) {
                process = IoHook.launched(token, process);
            }
        }
    }

    /** Before casher's own {@code CallContext.exit}: the innermost recording closes. */
    static final class Closing {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            IoHook.closing(CallContext.current());
        }
    }

    /** On casher's own {@code CallContext.enter/exit}: keeps {@link IoHook#active} current. */
    static final class OpenCount {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit() {
            IoHook.refresh();
        }
    }
}
