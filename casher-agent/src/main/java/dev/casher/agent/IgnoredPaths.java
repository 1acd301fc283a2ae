package dev.casher.agent;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Path prefixes whose file events the agent drops: the JDK home, {@code /proc}, {@code /sys},
 * {@code /dev}, plus what {@link CasherAgent#ignore} adds. They are never inputs or outputs of
 * a cached call, and on an unattributed thread (class loading, time-zone data, another call's
 * cache store, a log appender) they would taint every open recording.
 *
 * <p>Thread-safe (copy-on-write: read on every event, written rarely). Kept apart from
 * {@link HookBridge} so it can be used before the boot hook exists.
 */
final class IgnoredPaths {
    private static final List<Path> PREFIXES = new CopyOnWriteArrayList<>(List.of(
            Path.of(System.getProperty("java.home")).toAbsolutePath().normalize(),
            Path.of("/proc"), Path.of("/sys"), Path.of("/dev")));

    private IgnoredPaths() {}

    static void add(Path prefix) {
        Path p = prefix.toAbsolutePath().normalize();
        if (!PREFIXES.contains(p)) {
            PREFIXES.add(p);
        }
    }

    static boolean contains(Path absolute) {
        for (Path prefix : PREFIXES) {
            if (absolute.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
