package dev.casher.internal.trace;

import dev.casher.internal.record.EventKind;
import dev.casher.internal.record.FileEvent;
import dev.casher.internal.util.FileStat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Process-private scratch is neither input nor output: a path named by the id of a process the
 * run itself traced (one of its components is that decimal id, as in
 * {@code /tmp/hsperfdata_<user>/<pid>} of a JVM) that is gone when the run ends. The id did not
 * belong to any of the run's processes before it started, so what such a path held before (a
 * leftover of a dead process that had the same id) is the private business of the process that
 * took the id over, and the run leaves nothing there. The directory holding such a file is a
 * registry of processes: its listing counts as an existence check only, and the other files in
 * it named by numbers (other processes' scratch) are not inputs. Stateless.
 */
public final class PidScratch {
    private PidScratch() {}

    /** {@code events} without those on process-private scratch paths of {@code taskIds}. */
    public static List<FileEvent> without(List<FileEvent> events, Set<Integer> taskIds) {
        if (taskIds.isEmpty()) {
            return events;
        }
        Map<Path, Boolean> scratch = new HashMap<>();
        Set<Path> registries = new HashSet<>();
        for (FileEvent e : events) {
            if (scratch.computeIfAbsent(e.path(), p -> isScratch(p, taskIds)) && e.path().getParent() != null) {
                registries.add(e.path().getParent());
            }
        }
        if (registries.isEmpty()) {
            return events;
        }
        List<FileEvent> kept = new ArrayList<>(events.size());
        for (FileEvent e : events) {
            Path parent = e.path().getParent();
            if (scratch.get(e.path()) || registries.contains(parent) && isNumber(e.path().getFileName().toString())) {
                continue;
            }
            // A directory where the run keeps a file under its own process id is a registry of
            // processes (the JVM lists it, and looks at the files of other processes, to clean up
            // after dead ones): the files named by numbers in it are other processes' private
            // scratch, and only the directory's existence is an input.
            kept.add(e.kind() == EventKind.LIST_DIR && registries.contains(e.path())
                    ? new FileEvent(EventKind.STAT, e.path()) : e);
        }
        return kept;
    }

    static boolean isScratch(Path path, Set<Integer> taskIds) {
        if (!namedByTask(path, taskIds)) {
            return false;
        }
        try {
            return FileStat.of(path, false) == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean namedByTask(Path path, Set<Integer> taskIds) {
        for (Path part : path) {
            String s = part.toString();
            if (isNumber(s) && taskIds.contains(Integer.parseInt(s))) {
                return true;
            }
        }
        return false;
    }

    /** A decimal process id: 1 to 9 digits, no leading zero. */
    private static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 9 || s.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
