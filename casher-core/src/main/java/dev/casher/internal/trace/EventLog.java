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
 * known about each opened fd (by its {@code <path>} annotation) so that a later
 * {@code getdents64}, {@code fchdir} or directory {@code fstat} on it can turn the open's
 * {@code READ} into a {@code STAT} and add a {@code LIST_DIR}.
 *
 * <p>Only the most recent open of each resolved path is remembered: fds are not tracked through
 * close/dup (those calls are not traced), and the annotation is what names the directory anyway.
 * Not thread-safe.
 */
final class EventLog {

    private static final int MAX_REASONS = 100;

    /** What an open produced, until the fd shows it is a directory. */
    private static final class Opened {
        final Path path;
        int readIndex;
        boolean listed;

        Opened(Path path, int readIndex) {
            this.path = path;
            this.readIndex = readIndex;
        }
    }

    private final List<FileEvent> events = new ArrayList<>();
    private final Set<String> reasons = new LinkedHashSet<>();
    private final Map<String, Opened> opened = new HashMap<>();
    private int droppedReasons;

    void add(EventKind kind, Path path) {
        events.add(new FileEvent(kind, path));
    }

    void reason(String reason) {
        if (reasons.size() < MAX_REASONS) {
            reasons.add(reason);
        } else if (!reasons.contains(reason)) {
            droppedReasons++;
        }
    }

    /**
     * Remembers that an open of {@code path} returned the fd annotated {@code annotation};
     * {@code readEvent} says whether the open just added a {@code READ} that a directory
     * discovery should turn into a {@code STAT}.
     */
    void opened(String annotation, Path path, boolean readEvent) {
        if (annotation != null) {
            opened.put(annotation, new Opened(path, readEvent ? events.size() - 1 : -1));
        }
    }

    /** The fd annotated {@code annotation} is a directory: its open was no content read. */
    void isDirectory(String annotation) {
        Opened o = opened.get(annotation);
        if (o != null && o.readIndex >= 0) {
            events.set(o.readIndex, new FileEvent(EventKind.STAT, o.path));
            o.readIndex = -1;
        }
    }

    /**
     * A getdents on the fd annotated {@code annotation} (resolved to {@code fallback}) succeeded:
     * one {@code LIST_DIR} per open, for the name the program opened.
     */
    void listed(String annotation, Path fallback) {
        isDirectory(annotation);
        Opened o = opened.get(annotation);
        if (o == null) {
            if (fallback == null) {
                return;
            }
            o = new Opened(fallback, -1);
            opened.put(annotation, o);
        }
        if (!o.listed) {
            o.listed = true;
            add(EventKind.LIST_DIR, o.path);
        }
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
