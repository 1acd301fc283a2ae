package dev.casher.internal.command;

import dev.casher.internal.lookup.InputState;
import dev.casher.internal.lookup.InputStates;
import dev.casher.internal.lookup.Observation;
import dev.casher.internal.record.Classifier;
import dev.casher.internal.util.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Read-modify-write commands ({@code sed -i}, {@code git status} refreshing its index): strace
 * reports a change after the fact, so when a command reads a file and then replaces it, the
 * file's state before the call is gone and the run cannot be stored. Such paths are remembered
 * per key ({@code memo/<key>} in the cache directory, one path a line); the next run of the same
 * key snapshots them (stat and digest) before the command starts, so its pre-call states are
 * known and it can be stored. Bounded: {@value #MAX_PATHS} paths per key, {@value #MAX_KEYS}
 * keys (the least recently written go first). Best effort: any failure means no snapshot.
 */
final class PreStateMemo {
    static final int MAX_PATHS = 32;
    static final int MAX_KEYS = 256;

    private PreStateMemo() {}

    private static Path file(CommandCache cache, Digest key) {
        return cache.dir().resolve("memo").resolve(key.hex());
    }

    /** The paths remembered for {@code key}, in order. */
    static List<Path> paths(CommandCache cache, Digest key) {
        List<Path> out = new ArrayList<>();
        try {
            Path f = file(cache, key);
            if (Files.isRegularFile(f)) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (line.startsWith("/") && out.size() < MAX_PATHS) {
                        out.add(Path.of(line));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return out;
    }

    /** Remembers the paths whose pre-call state {@code reasons} say was unknown. */
    static void remember(CommandCache cache, Digest key, List<String> reasons) {
        Set<String> paths = new LinkedHashSet<>();
        for (Path p : paths(cache, key)) {
            paths.add(p.toString());
        }
        int before = paths.size();
        for (String r : reasons) {
            if (r.startsWith(Classifier.UNKNOWN_PRE_STATE) && paths.size() < MAX_PATHS) {
                paths.add(r.substring(Classifier.UNKNOWN_PRE_STATE.length()));
            }
        }
        if (paths.size() == before) {
            return;
        }
        try {
            Path f = file(cache, key);
            Files.createDirectories(f.getParent());
            prune(f.getParent());
            Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
            Files.write(tmp, (String.join("\n", paths) + "\n").getBytes(StandardCharsets.UTF_8));
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // best effort: the next run is simply not stored either
        }
    }

    /** The current states of the paths remembered for {@code key}, read before the command starts. */
    static Map<Path, InputState> snapshot(CommandCache cache, Digest key) {
        Map<Path, InputState> out = new LinkedHashMap<>();
        for (Path p : paths(cache, key)) {
            try {
                out.put(p, cache.states().current(p, Observation.CONTENT));
            } catch (IOException | RuntimeException e) {
                // unknown stays unknown: that run is not stored
            }
        }
        return out;
    }

    private static void prune(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                files.add(p);
            }
        }
        if (files.size() < MAX_KEYS) {
            return;
        }
        files.sort((a, b) -> Long.compare(lastModified(a), lastModified(b)));
        for (int i = 0; i <= files.size() - MAX_KEYS; i++) {
            Files.deleteIfExists(files.get(i));
        }
    }

    private static long lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
