package dev.casher.internal.trace;

import dev.casher.internal.record.FileEvent;
import java.util.List;

/**
 * What one strace trace says a command did: its file events in the order the system calls
 * completed, and the reasons (if any) the run must not be cached because the trace could not be
 * read exactly.
 *
 * <p>The parser is pure: nothing is filtered here except {@code fstat} on an fd, so events for
 * {@code /proc}, {@code /dev}, the cache directory and the like are present and are the
 * classifier's to drop. Immutable and thread-safe.
 *
 * @param events             file events, ordered by syscall completion
 * @param uncacheableReasons one line each, deduplicated, in order of discovery; non-empty means a
 *                           replay could be stale, so the caller must run the command plainly
 * @param processes          distinct tasks (processes and threads) seen in the trace
 * @param syscalls           complete system call records read (joined halves count once)
 */
public record TraceResult(List<FileEvent> events, List<String> uncacheableReasons, int processes,
        long syscalls) {

    public TraceResult {
        events = List.copyOf(events);
        uncacheableReasons = List.copyOf(uncacheableReasons);
        if (processes < 0 || syscalls < 0) {
            throw new IllegalArgumentException("negative counts: " + processes + ", " + syscalls);
        }
    }

    /** Whether the trace was read exactly, so its events may key a cache entry. */
    public boolean cacheable() {
        return uncacheableReasons.isEmpty();
    }
}
