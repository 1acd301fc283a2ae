package dev.casher.internal.lookup;

import dev.casher.internal.util.Digest;
import dev.casher.internal.util.FileStat;
import java.util.Objects;

/**
 * What a call depended on at one path: the state it saw, compared again on every lookup.
 * A closed set; each state has a one-letter tag in the entry format ({@code docs/FORMAT.md}).
 */
public sealed interface InputState {

    /**
     * A regular file with this content (size kept to reject a change without hashing).
     *
     * <p>{@code seen} is the file's stat when its digest was trusted (settled, see
     * {@link FileStat#settledBefore}), or {@code null}: a lookup that finds the same stat need
     * not consult the stat cache, as with git's index. A hint only, so equality ignores it: two
     * states with the same content are the same state.
     */
    record FileContent(Digest digest, long size, FileStat seen) implements InputState {
        public FileContent {
            Objects.requireNonNull(digest, "digest");
            if (size < 0) {
                throw new IllegalArgumentException("size < 0: " + size);
            }
        }

        /** A state without a stat hint. */
        public FileContent(Digest digest, long size) {
            this(digest, size, null);
        }

        // Written out: equality leaves out the hint (and a record's generated equals would cost
        // a command-line hit its method-handle bootstrap).
        @Override
        public boolean equals(Object o) {
            return o instanceof FileContent f && size == f.size && digest.equals(f.digest);
        }

        @Override
        public int hashCode() {
            return digest.hashCode() * 31 + Long.hashCode(size);
        }

        @Override
        public String toString() {
            return "FileContent[" + digest.shortHex(12) + ", " + size + " bytes]";
        }
    }

    /** Nothing at the path: the call probed and found nothing; if something appears, re-run. */
    record Absent() implements InputState {
        /** The one instance. */
        public static final Absent INSTANCE = new Absent();
    }

    /**
     * A directory whose sorted list of entry names (with their types) has this digest;
     * {@code seen} is a stat hint as in {@link FileContent}, ignored by equality.
     */
    record DirListing(Digest digest, FileStat seen) implements InputState {
        public DirListing {
            Objects.requireNonNull(digest, "digest");
        }

        /** A state without a stat hint. */
        public DirListing(Digest digest) {
            this(digest, null);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof DirListing d && digest.equals(d.digest);
        }

        @Override
        public int hashCode() {
            return digest.hashCode();
        }

        @Override
        public String toString() {
            return "DirListing[" + digest.shortHex(12) + "]";
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
