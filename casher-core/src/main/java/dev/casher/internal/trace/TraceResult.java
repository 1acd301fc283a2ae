package dev.casher.internal.trace;

import dev.casher.internal.record.FileEvent;
import java.util.List;
import java.util.Set;

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
 * @param taskIds            the ids of those tasks (a process's id is its first task's)
 */
public record TraceResult(List<FileEvent> events, List<String> uncacheableReasons, int processes,
        long syscalls, Set<Integer> taskIds) {

    public TraceResult {
        events = List.copyOf(events);
        uncacheableReasons = List.copyOf(uncacheableReasons);
        taskIds = Set.copyOf(taskIds);
        if (processes < 0 || syscalls < 0) {
            throw new IllegalArgumentException("negative counts: " + processes + ", " + syscalls);
        }
    }

    /** A result whose task ids are unknown. */
    public TraceResult(List<FileEvent> events, List<String> uncacheableReasons, int processes,
            long syscalls) {
        this(events, uncacheableReasons, processes, syscalls, Set.of());
    }

    /** Whether the trace was read exactly, so its events may key a cache entry. */
    public boolean cacheable() {
        return uncacheableReasons.isEmpty();
    }
}
