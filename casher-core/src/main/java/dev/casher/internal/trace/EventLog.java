package dev.casher.internal.trace;

import dev.casher.internal.record.EventKind;
import dev.casher.internal.record.FileEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The growing result of a parse: events in completion order, uncacheable reasons, and what is
 * known about each task's most recent open of each fd number, so that a later
 * {@code getdents64}, {@code fchdir} or directory {@code fstat} on it can turn the open's
 * {@code READ} into a {@code STAT} and add a {@code LIST_DIR} for the name that was opened.
 * Not thread-safe.
 */
final class EventLog {

    private static final int MAX_REASONS = 100;

    /** What an open produced, until the fd shows it is a directory. */
    private static final class Opened {
        final String annotation;
        final Path path;
        int readIndex;
        boolean listed;

        Opened(String annotation, Path path, int readIndex) {
            this.annotation = annotation;
            this.path = path;
            this.readIndex = readIndex;
        }
    }

    private final List<FileEvent> events = new ArrayList<>();
    private final Set<String> reasons = new LinkedHashSet<>();
    private final Map<Long, Opened> opened = new HashMap<>();
    private int droppedReasons;
    private boolean sawExec;

    void add(EventKind kind, Path path) {
        events.add(new FileEvent(kind, path));
        sawExec |= kind == EventKind.EXEC;
    }

    boolean sawExec() {
        return sawExec;
    }

    void reason(String reason) {
        if (reasons.size() < MAX_REASONS) {
            reasons.add(reason);
        } else if (!reasons.contains(reason)) {
            droppedReasons++;
        }
    }

    /**
     * Remembers that an open of {@code path} by task {@code pid} returned {@code fd}, annotated
     * {@code annotation}; {@code readEvent} says whether the open just added a {@code READ} that
     * a directory discovery should turn into a {@code STAT}.
     */
    void opened(int pid, long fd, String annotation, Path path, boolean readEvent) {
        if (annotation != null && fd >= 0) {
            opened.put(key(pid, fd), new Opened(annotation, path, readEvent ? events.size() - 1
                    : -1));
        }
    }

    /** The fd proved to be a directory: the open that made it was no content read. */
    void isDirectory(int pid, long fd, String annotation) {
        Opened o = find(pid, fd, annotation);
        if (o != null && o.readIndex >= 0) {
            events.set(o.readIndex, new FileEvent(EventKind.STAT, o.path));
            o.readIndex = -1;
        }
    }

    /**
     * A getdents on the fd succeeded: one {@code LIST_DIR} per open, for the name the program
     * opened, or for the fd's resolved path ({@code fallback}) if the open was not seen.
     */
    void listed(int pid, long fd, String annotation, Path fallback) {
        isDirectory(pid, fd, annotation);
        Opened o = find(pid, fd, annotation);
        if (o == null) {
            if (fallback == null) {
                return;
            }
            o = new Opened(annotation, fallback, -1);
            if (fd >= 0) {
                opened.put(key(pid, fd), o);
            }
        }
        if (!o.listed) {
            o.listed = true;
            add(EventKind.LIST_DIR, o.path);
        }
    }

    /**
     * The open behind an fd: same task, same fd number, same path. close and dup are not traced,
     * so anything else (an inherited or dup'ed fd, a reused number) is treated as unknown rather
     * than guessed, which can never turn a real read into a stat.
     */
    private Opened find(int pid, long fd, String annotation) {
        Opened o = fd < 0 ? null : opened.get(key(pid, fd));
        return o != null && o.annotation.equals(annotation) ? o : null;
    }

    private static long key(int pid, long fd) {
        return ((long) pid << 32) | (fd & 0xffffffffL);
    }

    int eventCount() {
        return events.size();
    }

    List<FileEvent> events() {
        return events;
    }

    List<String> reasons() {
        List<String> all = new ArrayList<>(reasons);
        if (droppedReasons > 0) {
            all.add("... and " + droppedReasons + " more reasons");
        }
        return all;
    }
}
