package dev.casher.internal.store;

import dev.casher.internal.util.CasherLog;
import dev.casher.internal.util.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One eviction pass: least recently used entries go first, every entry up to some modification
 * time (the cutoff); then every blob not newer than the cutoff, which by the LRU invariant (a live
 * entry's blobs are never older than the entry) no live entry references. Manifests not newer
 * than the cutoff go too; a manifest candidate whose entry is gone is simply a miss.
 *
 * <p>A pass runs only when the tracked size exceeds the limit (or once a day, to recount it),
 * takes the store's eviction lock without waiting (a concurrent pass elsewhere makes this one a
 * no-op), recounts the size exactly and frees down to 90% of the limit, so passes are rare: their
 * cost, one stat per file, is paid once per 10% of the limit written. Runs off the call path.
 * Not thread-safe; one per pass.
 */
final class Eviction {
    private static final int MAX_ROUNDS = 4;
    private static final Duration STALE_TMP = Duration.ofHours(1);

    private final LocalStore store;
    private final CacheLayout layout;
    private final FileLocks locks;
    private int entriesRemoved;
    private int blobsRemoved;
    private long freed;
    private long scanNanos;
    private long removeNanos;
    private boolean underLimit;
    private boolean progressed;

    Eviction(LocalStore store, CacheLayout layout, FileLocks locks) {
        this.store = store;
        this.layout = layout;
        this.locks = locks;
    }

    CacheStore.EvictionReport run(long maxBytes) throws IOException {
        long start = System.nanoTime();
        if (store.sizeBytes() <= maxBytes && !store.recountDue()) {
            return report(store.sizeBytes(), start);
        }
        try (CacheStore.KeyLock held = locks.acquire(layout.lock("evict.lock"), Duration.ZERO)) {
            if (held == null) {
                return report(store.sizeBytes(), start);
            }
            store.flush();
            long target = maxBytes - maxBytes / 10;
            long size = round(maxBytes, target, true);
            // Another round only if this one made progress: shared blobs may free less than
            // estimated.
            for (int round = 1; round < MAX_ROUNDS && size > target && !underLimit
                    && progressed; round++) {
                size = round(maxBytes, target, false);
            }
            store.resetSize(size);
            CacheStore.EvictionReport r = report(size, start);
            if (entriesRemoved + blobsRemoved > 0 && CasherLog.infoEnabled()) {
                CasherLog.info("evicted entries=" + entriesRemoved + " blobs=" + blobsRemoved + " freed_bytes="
                        + freed + " size_after=" + size + " limit=" + maxBytes + " took_ms="
                        + r.took().toMillis() + " scan_ms=" + scanNanos / 1_000_000 + " remove_ms="
                        + removeNanos / 1_000_000);
            }
            return r;
        }
    }

    /** One scan and removal round; returns the size after it. */
    private long round(long maxBytes, long target, boolean first) throws IOException {
        long t0 = System.nanoTime();
        List<FileTrees.Found> entries = new ArrayList<>();
        List<FileTrees.Found> manifests = new ArrayList<>();
        long total = 0;
        for (FileTrees.Found f : FileTrees.list(layout.ac)) {
            String name = f.path().getFileName().toString();
            if (name.endsWith(CacheLayout.ENTRY_SUFFIX)) {
                entries.add(f);
            } else if (name.endsWith(CacheLayout.MANIFEST_SUFFIX)) {
                manifests.add(f);
            }
            total += f.size();
        }
        List<FileTrees.Found> blobs = FileTrees.list(layout.cas);
        for (FileTrees.Found f : blobs) {
            total += f.size();
        }
        if (first) {
            removeStaleTmp();
        }
        progressed = false;
        if (first && total <= maxBytes) {
            underLimit = true; // the tracked size had drifted above the real one
            return total;
        }
        scanNanos += System.nanoTime() - t0;
        long t1 = System.nanoTime();
        entries.sort(Comparator.comparing(FileTrees.Found::mtime));
        long need = total - target;
        long estimate = 0;
        long removed = 0;
        FileTime cutoff = null;
        long blobTotal = 0;
        for (FileTrees.Found b : blobs) {
            blobTotal += b.size();
        }
        // Blob bytes an entry frees, on average: reading every removed entry to know exactly costs
        // more than the removal itself; a shortfall (shared blobs) is made up by another round.
        long avgBlobBytes = entries.isEmpty() ? 0 : blobTotal / entries.size();
        for (FileTrees.Found e : entries) {
            // Past the estimate, still remove entries as old as the last one removed: then every
            // live entry is strictly newer than the cutoff, and so is every blob it references.
            if (estimate >= need && cutoff != null && e.mtime().compareTo(cutoff) > 0) {
                break;
            }
            estimate += e.size() + avgBlobBytes;
            Digest id = StoreInspector.id(e.path(), CacheLayout.ENTRY_SUFFIX);
            if (id != null) {
                store.forgetEntry(id);
            }
            if (delete(e.path())) {
                entriesRemoved++;
                removed += e.size();
            }
            cutoff = e.mtime();
        }
        if (cutoff == null) {
            return total;
        }
        for (FileTrees.Found m : manifests) {
            if (m.mtime().compareTo(cutoff) <= 0 && delete(m.path())) {
                removed += m.size();
            }
        }
        for (FileTrees.Found b : blobs) {
            if (b.mtime().compareTo(cutoff) <= 0 && notNewer(b.path(), cutoff)
                    && delete(b.path())) {
                blobsRemoved++;
                removed += b.size();
            }
        }
        removeNanos += System.nanoTime() - t1;
        freed += removed;
        progressed = removed > 0;
        return total - removed;
    }

    /**
     * Re-reads a blob's time just before deleting it: a writer that touched it since the scan
     * (to reference it from a new entry) keeps it.
     */
    private static boolean notNewer(Path blob, FileTime cutoff) {
        try {
            return Files.getLastModifiedTime(blob).compareTo(cutoff) <= 0;
        } catch (IOException e) {
            return false;
        }
    }

    private void removeStaleTmp() throws IOException {
        long limit = System.currentTimeMillis() - STALE_TMP.toMillis();
        try (var dir = Files.newDirectoryStream(layout.tmp)) {
            for (Path p : dir) {
                try {
                    if (Files.getLastModifiedTime(p).toMillis() < limit) {
                        if (Files.isDirectory(p)) {
                            FileTrees.deleteRecursively(p); // trash left by an interrupted clear
                        } else {
                            Files.deleteIfExists(p);
                        }
                    }
                } catch (NoSuchFileException e) {
                    // gone already
                }
            }
        }
    }

    private static boolean delete(Path p) {
        try {
            return Files.deleteIfExists(p);
        } catch (IOException e) {
            return false;
        }
    }

    private CacheStore.EvictionReport report(long sizeAfter, long start) {
        return new CacheStore.EvictionReport(entriesRemoved, blobsRemoved, freed, sizeAfter,
                Duration.ofNanos(System.nanoTime() - start));
    }
}
