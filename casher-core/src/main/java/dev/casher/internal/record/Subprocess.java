package dev.casher.internal.record;

import java.util.List;
import java.util.Objects;

/**
 * A child process a cached call started under a tracer, whose file events become known only
 * once it has exited (strace's trace is read whole). Registered with every {@link Recording} of
 * the starting thread's chain ({@link Recording#childStarted}); a recording merges the events
 * when told the child exited ({@link Recording#childExited}) or at {@link Recording#finishChildren}.
 *
 * <p>Implementations are thread-safe: recordings of several calls, the thread waiting for the
 * process and the JDK's process reaper may ask at once.
 */
public interface Subprocess {
    /** The command line as the call gave it, for reasons and logs. */
    String command();

    /**
     * Whether the child may still act for the call: the process (or a descendant) is alive, or
     * its forwarded output is still being copied. Never blocks for long.
     */
    boolean running();

    /**
     * What the child did; only meaningful once {@link #running()} is false. Memoised: the
     * trace is read once and then deleted. Never throws: a trace that cannot be read is a
     * reason.
     */
    Result result();

    /**
     * The child's file events, in the order its system calls completed, and reasons its run
     * cannot be cached (a trace not read exactly, a process killed before its trace was
     * complete).
     */
    record Result(List<FileEvent> events, List<String> uncacheableReasons) {
        public Result {
            events = List.copyOf(Objects.requireNonNull(events, "events"));
            uncacheableReasons = List.copyOf(
                    Objects.requireNonNull(uncacheableReasons, "uncacheableReasons"));
        }

        /** A child that did nothing (it failed to start). */
        public static Result empty() {
            return new Result(List.of(), List.of());
        }
    }
}
