package dev.casher.agent;

import dev.casher.internal.record.CallContext;
import java.nio.file.Path;

/**
 * Path prefixes whose file events the agent drops before doing any work for them: the JDK home,
 * {@code /proc}, {@code /sys}, {@code /dev}, the cache directories casher opened, plus what
 * {@link CasherAgent#ignore} adds. One list, kept by {@link CallContext}: they are never inputs or
 * outputs of a cached call, and on an unattributed thread (class loading, time-zone data, another
 * call's cache store, a log appender) they would taint every open recording. Thread-safe.
 */
final class IgnoredPaths {
    private IgnoredPaths() {}

    static void add(Path prefix) {
        CallContext.ignore(prefix);
    }

    static boolean contains(Path absolute) {
        return CallContext.isIgnored(absolute);
    }
}
