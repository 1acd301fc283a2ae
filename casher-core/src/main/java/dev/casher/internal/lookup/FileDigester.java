package dev.casher.internal.lookup;

import dev.casher.internal.util.Digest;
import dev.casher.internal.util.FileStat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Content digests of files through the stat fast path: a file whose stat matches the one seen at
 * its last hashing is not read again. An in-memory tier sits in front of the persistent
 * {@link StatCache}. Thread-safe.
 *
 * <p>Only "settled" stats are remembered (see {@link FileStat#settledBefore}): a file written
 * within the timestamp granularity of its hashing could change again with an identical stat.
 */
public final class FileDigester {
    private record Known(FileStat stat, Digest digest) {}

    /** Key prefix that keeps listing digests apart from content digests in the stat cache. */
    public static final String LISTING_PREFIX = "ls:";

    private final StatCache persistent;
    private final ConcurrentHashMap<String, Known> memory = new ConcurrentHashMap<>();

    public FileDigester(StatCache persistent) {
        this.persistent = persistent;
    }

    /**
     * The digest of the regular file at {@code path} whose current stat is {@code stat}.
     * Throws if the file changed while it was read (its stat after reading differs), so that a
     * torn read is never remembered or used.
     */
    public Digest digest(Path path, FileStat stat) throws IOException {
        String key = path.toString();
        Known known = memory.get(key);
        if (known != null && known.stat.equals(stat)) {
            return known.digest;
        }
        Digest d = persistent.lookup(key, stat);
        if (d != null) {
            memory.put(key, new Known(stat, d));
            return d;
        }
        long hashedAt = System.currentTimeMillis() * 1_000_000L;
        d = Digest.ofFile(path);
        FileStat after = FileStat.of(path);
        if (!stat.equals(after)) {
            throw new ConcurrentModificationIOException(path);
        }
        if (stat.settledBefore(hashedAt)) {
            memory.put(key, new Known(stat, d));
            persistent.remember(key, stat, d);
        }
        return d;
    }

    /**
     * The digest of the sorted names (each tagged with its type) in the directory at {@code dir}
     * whose current stat is {@code stat}. A directory's mtime and ctime change whenever an entry is
     * added, removed or renamed, so the stat fast path applies as it does to files.
     */
    public Digest listingDigest(Path dir, FileStat stat) throws IOException {
        String key = LISTING_PREFIX + dir;
        Known known = memory.get(key);
        if (known != null && known.stat.equals(stat)) {
            return known.digest;
        }
        Digest d = persistent.lookup(key, stat);
        if (d != null) {
            memory.put(key, new Known(stat, d));
            return d;
        }
        long hashedAt = System.currentTimeMillis() * 1_000_000L;
        d = DirListings.digest(dir);
        if (!stat.equals(FileStat.of(dir))) {
            throw new ConcurrentModificationIOException(dir);
        }
        if (stat.settledBefore(hashedAt)) {
            memory.put(key, new Known(stat, d));
            persistent.remember(key, stat, d);
        }
        return d;
    }

    /**
     * Whether the digest of {@code path} at {@code stat} is trusted without reading the file:
     * it was hashed (or remembered) for exactly this stat, and the stat had settled then.
     */
    public boolean trusts(Path path, FileStat stat) {
        return trusted(path.toString(), stat);
    }

    /** {@link #trusts} for the listing digest of a directory. */
    public boolean trustsListing(Path dir, FileStat stat) {
        return trusted(LISTING_PREFIX + dir, stat);
    }

    private boolean trusted(String key, FileStat stat) {
        Known known = memory.get(key);
        return known != null && known.stat.equals(stat);
    }

    /** Thrown when a file changed while it was being hashed. */
    public static final class ConcurrentModificationIOException extends IOException {
        private static final long serialVersionUID = 1L;

        ConcurrentModificationIOException(Path path) {
            super("file changed while it was read: " + path);
        }
    }
}
