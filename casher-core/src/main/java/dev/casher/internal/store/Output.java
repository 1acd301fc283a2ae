package dev.casher.internal.store;

import java.util.Objects;

/**
 * The final state of one path a call changed, as replayed on a hit. Paths are absolute and
 * normalised; replay refuses anything else (DESIGN rule 5).
 */
public sealed interface Output {
    /** Absolute, normalised path this output restores. */
    String path();

    /** A regular file with this content and these permission bits. */
    record File(String path, BlobRef blob, int mode) implements Output {
        public File {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(blob, "blob");
        }
    }

    /** A directory (created by the call) with these permission bits. */
    record Directory(String path, int mode) implements Output {
        public Directory {
            Objects.requireNonNull(path, "path");
        }
    }

    /** A symbolic link with this target text. */
    record Symlink(String path, String target) implements Output {
        public Symlink {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(target, "target");
        }
    }

    /** Nothing: the call deleted (or renamed away) what was there. */
    record Deleted(String path) implements Output {
        public Deleted {
            Objects.requireNonNull(path, "path");
        }
    }
}
