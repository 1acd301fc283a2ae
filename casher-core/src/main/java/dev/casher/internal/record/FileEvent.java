package dev.casher.internal.record;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One thing a call did to one path, as a tracker saw it. Paths are absolute and normalised
 * (no {@code .} or {@code ..}); symlinks are not resolved, since the name the call used is what
 * it depends on.
 */
public record FileEvent(EventKind kind, Path path) {
    public FileEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("event path must be absolute: " + path);
        }
        path = path.normalize();
    }

    /** Shorthand for {@code new FileEvent(kind, path)}. */
    public static FileEvent of(EventKind kind, Path path) {
        return new FileEvent(kind, path);
    }
}
