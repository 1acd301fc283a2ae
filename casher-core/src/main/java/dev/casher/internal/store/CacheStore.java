package dev.casher.internal.store;

import dev.casher.internal.lookup.StatCache;
import dev.casher.internal.util.Digest;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The cache's storage: immutable content-addressed blobs and entries, and mutable manifests keyed
 * by action key (Bazel's CAS and action cache, ccache's manifests). Thread-safe and safe to share
 * between processes on one cache directory.
 *
 * <p>Failure behaviour: methods throw {@link IOException} and never return damaged data. A blob,
 * entry or manifest that fails its checksum raises {@link CorruptCacheException}; the caller treats
 * it as a miss and drops the damaged item. Nothing here retries or logs on its own, except
 * eviction, which logs what it removed.
 */
public interface CacheStore extends Closeable {

    /** The cache directory. */
    Path root();

    /** Stores {@code data} as a blob (no-op if already present) and returns its reference. */
    BlobRef putBytes(byte[] data) throws IOException;

    /**
     * Stores the content of {@code file} as a blob. Throws if the file changed while it was copied
     * (its stat after the copy differs from before), so a torn copy is never stored.
     */
    BlobRef putFile(Path file) throws IOException;

    /** The verified content of a blob; {@link CorruptCacheException} if missing or damaged. */
    byte[] readBytes(BlobRef ref) throws IOException;

    /**
     * Writes the verified content of a blob to {@code target}, which must not exist (callers pass
     * a fresh temporary name next to the final path and rename it into place). On a checksum
     * failure, {@code target} is deleted and {@link CorruptCacheException} thrown.
     */
    void copyTo(BlobRef ref, Path target) throws IOException;

    /** Stores an entry; returns its id (the digest of its encoding). */
    Digest putEntry(Entry entry) throws IOException;

    /** The entry with this id, or {@code null} if there is none (evicted); corrupt: throws. */
    Entry readEntry(Digest id) throws IOException;

    /** The manifest of an action key; {@link Manifest#EMPTY} if there is none. */
    Manifest readManifest(Digest actionKey) throws IOException;

    /** Adds a candidate in front of the key's manifest (atomic read-modify-write). */
    void addCandidate(Digest actionKey, Manifest.Candidate candidate) throws IOException;

    /** Removes the candidates of {@code actionKey} that point to {@code entry} (damaged or stale). */
    void removeCandidate(Digest actionKey, Digest entry) throws IOException;

    /** Removes the whole manifest of {@code actionKey} ({@code --refresh}, {@code clear KEY}). */
    void removeManifest(Digest actionKey) throws IOException;

    /**
     * Marks an entry and everything it references as just used (LRU). Cheap: may skip the write
     * when the last mark is recent.
     */
    void touch(Digest actionKey, Digest entry, Entry value);

    /**
     * Takes the cross-process lock of an action key, waiting at most {@code timeout}; returns
     * {@code null} on timeout. A lock held by a process that died is free at once (OS file locks).
     */
    KeyLock lockKey(Digest actionKey, Duration timeout) throws IOException;

    /** The PID of the process holding the key's lock, or -1 if unknown (to explain a wait). */
    default long keyLockHolder(Digest actionKey) {
        return -1;
    }

    /** The persistent stat cache (path + stat ⇒ digest) of this cache directory. */
    StatCache statCache();

    /** The persistent counters (hits, misses, bypass reasons, time saved) of this cache directory. */
    StatsCounters stats();

    /** Total bytes held (blobs, entries, manifests), as tracked; cheap. */
    long sizeBytes();

    /**
     * Evicts least recently used entries (and then blobs no live entry references) until the size
     * is at most {@code maxBytes}. Never deletes a blob before the entries that reference it.
     */
    EvictionReport evict(long maxBytes) throws IOException;

    /** Removes everything in the cache (keeps the directory and its tag). */
    void clear() throws IOException;

    /**
     * The file system's current time in epoch ns, read back from a file touched now: timestamps of
     * files changed from this instant on are greater than or equal to it (the kernel's clock for
     * file times is coarser than {@code System.currentTimeMillis}).
     */
    long fileSystemNow() throws IOException;

    /** A held per-key lock; closing releases it. */
    interface KeyLock extends Closeable {
        @Override
        void close();
    }

    /** What one eviction pass did. */
    record EvictionReport(int entriesRemoved, int blobsRemoved, long bytesFreed, long sizeAfter,
            Duration took) {}
}
