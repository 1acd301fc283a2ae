package dev.casher.internal.lookup;

import dev.casher.internal.util.Digest;
import java.util.Objects;

/**
 * What a call depended on at one path: the state it saw, compared again on every lookup.
 * A closed set; each state has a one-letter tag in the entry format ({@code docs/FORMAT.md}).
 */
public sealed interface InputState {

    /** A regular file with this content (size kept to reject a change without hashing). */
    record FileContent(Digest digest, long size) implements InputState {
        public FileContent {
            Objects.requireNonNull(digest, "digest");
            if (size < 0) {
                throw new IllegalArgumentException("size < 0: " + size);
            }
        }
    }

    /** Nothing at the path: the call probed and found nothing; if something appears, re-run. */
    record Absent() implements InputState {
        /** The one instance. */
        public static final Absent INSTANCE = new Absent();
    }

    /** A directory whose sorted list of entry names (with their types) has this digest. */
    record DirListing(Digest digest) implements InputState {
        public DirListing {
            Objects.requireNonNull(digest, "digest");
        }
    }

    /** Something of this type exists at the path; only its existence and type were observed. */
    record Present(FileType type) implements InputState {
        public Present {
            Objects.requireNonNull(type, "type");
        }
    }

    /** The type of a file system object, as far as a {@link Present} input cares. */
    enum FileType {
        FILE,
        DIRECTORY,
        OTHER
    }

    /** A short description for {@code explain} and logs. */
    default String describe() {
        if (this instanceof FileContent f) {
            return "file " + f.digest().shortHex(12) + " (" + f.size() + " bytes)";
        } else if (this instanceof DirListing d) {
            return "directory listing " + d.digest().shortHex(12);
        } else if (this instanceof Present p) {
            return "exists (" + p.type().name().toLowerCase(java.util.Locale.ROOT) + ")";
        }
        return "absent";
    }
}
