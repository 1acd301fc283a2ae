package dev.casher.internal.util;

import java.io.File;
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

    /**
     * Whether nothing is at {@code path} (following symlinks): its {@code stat} fails with
     * {@code ENOENT}, the answer {@code of(path) == null} gives. Throws like {@link #of(Path)}
     * for other failures ({@code ENOTDIR}, {@code EACCES}).
     *
     * <p>Why not {@code of(path) == null}: NIO reports a missing file by exception, ~0.1 ms each
     * in a cold JVM, and half the inputs of a typical command are absent probes (each
     * {@code PATH} entry, locale files). {@link File#exists()} is a plain {@code stat}. When it
     * fails, the nearest ancestor that exists decides: if it is a searchable directory, the
     * component below it is missing, so the failure was {@code ENOENT} (or {@code ELOOP}, a
     * symlink loop there, which opens no better); otherwise the exact answer comes from NIO.
     */
    public static boolean absent(Path path) throws IOException {
        File f = path.toFile();
        if (f.exists()) {
            return false;
        }
        File ancestor = f.getParentFile();
        while (ancestor != null && !ancestor.exists()) {
            ancestor = ancestor.getParentFile();
        }
        if (ancestor != null && ancestor.isDirectory() && ancestor.canExecute()) {
            return true;
        }
        return of(path, true) == null;
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
