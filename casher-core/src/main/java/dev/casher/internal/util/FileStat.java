package dev.casher.internal.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The metadata that decides whether a file may have changed: size, modification and change times
 * (nanoseconds) and inode. Equal stats mean "unchanged" for the stat fast path, as in git's index
 * and ccache's direct mode.
 *
 * <p>ctime cannot be set by users, so a content change that restores size and mtime
 * ({@code touch -r}) is still seen.
 */
public record FileStat(long size, long mtimeNanos, long ctimeNanos, long inode, long device, int mode) {

    private static final String ATTRS = "unix:size,lastModifiedTime,ctime,ino,dev,mode";

    /** Stats {@code path}, following symlinks; {@code null} if it does not exist. */
    public static FileStat of(Path path) throws IOException {
        return of(path, true);
    }

    /** Stats {@code path}; {@code null} if nothing is there. */
    public static FileStat of(Path path, boolean followLinks) throws IOException {
        Map<String, Object> a;
        try {
            a = followLinks ? Files.readAttributes(path, ATTRS)
                    : Files.readAttributes(path, ATTRS, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
        return new FileStat((Long) a.get("size"), nanos((FileTime) a.get("lastModifiedTime")),
                nanos((FileTime) a.get("ctime")), (Long) a.get("ino"), (Long) a.get("dev"),
                (Integer) a.get("mode"));
    }

    /** Whether this is a regular file (S_IFREG). */
    public boolean isRegularFile() {
        return (mode & 0170000) == 0100000;
    }

    /** Whether this is a directory (S_IFDIR). */
    public boolean isDirectory() {
        return (mode & 0170000) == 0040000;
    }

    /** Whether this is a symbolic link (S_IFLNK); only seen with {@code followLinks = false}. */
    public boolean isSymlink() {
        return (mode & 0170000) == 0120000;
    }

    /** The permission bits (rwx for user, group, other, plus setuid/setgid/sticky). */
    public int permissions() {
        return mode & 07777;
    }

    /**
     * Whether a digest computed at {@code hashedAtNanos} (wall clock, epoch ns) can be trusted for
     * this stat later. A file modified within the file system's timestamp granularity of the hash
     * can change again without changing its stat ("racily clean" in git's words), so such stats are
     * not trusted and the file is hashed again next time.
     */
    public boolean settledBefore(long hashedAtNanos) {
        long margin = TimeUnit.SECONDS.toNanos(2);
        return mtimeNanos < hashedAtNanos - margin && ctimeNanos < hashedAtNanos - margin;
    }

    // Written out, not generated: a record's generated equals/hashCode bootstrap through
    // ObjectMethods and method handles at first use, ~0.1-0.2 s of every CLI hit, which compares
    // stats on every input.
    @Override
    public boolean equals(Object o) {
        return o instanceof FileStat s && size == s.size && mtimeNanos == s.mtimeNanos
                && ctimeNanos == s.ctimeNanos && inode == s.inode && device == s.device
                && mode == s.mode;
    }

    @Override
    public int hashCode() {
        long h = size * 31 + mtimeNanos;
        h = h * 31 + ctimeNanos;
        h = h * 31 + inode;
        h = h * 31 + device;
        return Long.hashCode(h * 31 + mode);
    }

    private static long nanos(FileTime t) {
        return t.to(TimeUnit.NANOSECONDS);
    }
}
