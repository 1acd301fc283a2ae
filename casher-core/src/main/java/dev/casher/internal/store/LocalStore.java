package dev.casher.internal.store;

import dev.casher.internal.lookup.StatCache;
import dev.casher.internal.util.Digest;
import dev.casher.internal.util.Pid;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link CacheStore} of one local cache directory (layout in {@link CacheLayout}, formats in
 * {@link EntryCodec}, {@link ManifestCodec}, {@link LocalStatCache}, {@link CountersFile} and
 * {@code docs/FORMAT.md}).
 *
 * <p>Every file is written under a unique name in {@code tmp/} and renamed into place, and every
 * read is verified, so a crash at any instant leaves the cache usable and never yields a wrong
 * read. Thread-safe, and safe for several processes sharing the directory.
 *
 * <p>LRU invariant relied on by eviction: every blob a live entry references has a modification
 * time at or after the entry's. {@link #putEntry} and {@link #touch} set the blobs' times first,
 * then the entry's, to the same instant of the store's clock.
 */
public final class LocalStore implements CacheStore {
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(10);
    private static final String SIZE = "bytes";
    private static final String RECOUNTED_AT = "recounted_at_ms";
    private static final Duration RECOUNT_INTERVAL = Duration.ofDays(1);
    private static final int MEMO_LIMIT = 4096;

    private final CacheLayout layout;
    private final Clock clock;
    private final Durability durability;
    private final FileLocks locks = new FileLocks();
    private final LocalStatCache statCache;
    private final LocalStatsCounters stats;
    private final CountersFile sizeFile;
    private final AtomicLong pendingSize = new AtomicLong();
    private final Map<Digest, Long> lastTouch = new ConcurrentHashMap<>();
    /** Hits whose LRU mark the throttle held back; written before eviction and at flush/exit. */
    private final Map<Digest, PendingTouch> pendingTouches = new ConcurrentHashMap<>();

    private record PendingTouch(Digest actionKey, Entry value) {}
    private final Map<Digest, Entry> entryMemo = new ConcurrentHashMap<>();
    private final ManifestFiles manifests;
    private final Flusher flusher;

    private LocalStore(CacheLayout layout, Clock clock, Durability durability) {
        this.layout = layout;
        this.clock = clock;
        this.durability = durability;
        this.statCache = new LocalStatCache(layout, locks);
        this.stats = new LocalStatsCounters(new CountersJournal(layout, layout.statsJournal,
                layout.stats, locks));
        this.sizeFile = new CountersFile(layout, layout.size, locks);
        // Classes, not lambdas or method references, on everything a command-line hit runs:
        // the first lambda of a JVM costs milliseconds of start-up (see Flusher, FileLocks).
        this.flusher = new Flusher(new Runnable() {
            @Override
            public void run() {
                flush();
            }
        });
        this.manifests = new ManifestFiles(layout, locks, clock, durability, pendingSize);
    }

    /** Opens (creating if needed) the cache in {@code dir}, without fsync. */
    public static LocalStore open(Path dir, Clock clock) throws IOException {
        return open(dir, clock, Durability.FAST);
    }

    /**
     * Opens (creating if needed) the cache in {@code dir}. Fails with an {@link IOException}
     * naming the problem when {@code dir} is a regular file or not writable; the caller then runs
     * calls plainly with a warning. {@code clock} stamps entries and LRU times.
     */
    public static LocalStore open(Path dir, Clock clock, Durability durability)
            throws IOException {
        LocalStore s = new LocalStore(CacheLayout.create(dir), clock, durability);
        s.flusher.start();
        return s;
    }

    @Override
    public Path root() {
        return layout.root;
    }

    @Override
    public BlobRef putBytes(byte[] data) throws IOException {
        BlobRef ref = BlobIo.ref(data);
        Path p = layout.blob(ref.digest());
        if (!intact(p, ref)) {
            AtomicFiles.write(layout, p, data, null, durability);
            pendingSize.addAndGet(data.length);
        }
        return ref;
    }

    @Override
    public BlobRef putFile(Path file) throws IOException {
        Path tmp = AtomicFiles.tmpName(layout);
        try {
            BlobRef ref = BlobIo.copyIn(file, tmp);
            Path p = layout.blob(ref.digest());
            if (!intact(p, ref)) {
                if (durability == Durability.FSYNC) {
                    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                }
                AtomicFiles.moveIntoPlace(tmp, p);
                pendingSize.addAndGet(ref.size());
            }
            return ref;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public byte[] readBytes(BlobRef ref) throws IOException {
        Path p = layout.blob(ref.digest());
        try {
            return BlobIo.read(p, ref);
        } catch (CorruptCacheException e) {
            dropDamaged(p);
            throw e;
        }
    }

    /**
     * Whether a blob is already stored intact. Checking the content (CRC32C, many GB/s) rather
     * than existence repairs a damaged blob on the next put instead of keeping it forever.
     */
    private boolean intact(Path blob, BlobRef ref) {
        try {
            return Files.exists(blob) && BlobIo.matches(blob, ref);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Deletes a blob that failed verification, so that the next run stores it afresh: puts skip
     * blobs that already exist, and would otherwise keep the damaged copy forever.
     */
    private void dropDamaged(Path blob) {
        try {
            long size = Files.size(blob);
            if (Files.deleteIfExists(blob)) {
                pendingSize.addAndGet(-size);
            }
        } catch (IOException ignored) {
            // Missing already, or undeletable: either way it keeps failing verification, a miss.
        }
    }

    @Override
    public void copyTo(BlobRef ref, Path target) throws IOException {
        Path src = layout.blob(ref.digest());
        long size;
        try {
            size = Files.size(src);
        } catch (NoSuchFileException e) {
            throw new CorruptCacheException("blob " + ref.digest().shortHex(12) + " is missing", e);
        }
        if (size != ref.size()) {
            dropDamaged(src);
            throw new CorruptCacheException("blob " + ref.digest().shortHex(12) + ": size " + size
                    + ", expected " + ref.size());
        }
        Files.copy(src, target);
        // Verify what was actually written (the source could be damaged or replaced meanwhile).
        boolean ok = false;
        try {
            ok = BlobIo.matches(target, ref);
        } finally {
            if (!ok) {
                Files.deleteIfExists(target);
            }
        }
        if (!ok) {
            dropDamaged(src);
            throw new CorruptCacheException("blob " + ref.digest().shortHex(12)
                    + ": checksum mismatch");
        }
    }

    @Override
    public Digest putEntry(Entry entry) throws IOException {
        byte[] bytes = EntryCodec.encode(entry);
        Digest id = Digest.ofBytes(bytes);
        FileTime now = now();
        // Blobs first: a blob that vanished (evicted meanwhile) fails the put instead of leaving
        // an entry that points to nothing; and the LRU invariant needs blob times >= entry time.
        for (BlobRef b : EntryCodec.blobs(entry)) {
            try {
                Files.setLastModifiedTime(layout.blob(b.digest()), now);
            } catch (NoSuchFileException e) {
                throw new CorruptCacheException("blob " + b.digest().shortHex(12)
                        + " of the entry is missing", e);
            }
        }
        Path p = layout.entry(id);
        if (!setTime(p, now)) {
            AtomicFiles.write(layout, p, bytes, now, durability);
            pendingSize.addAndGet(bytes.length);
        }
        lastTouch.put(id, clock.millis());
        return id;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Entries are immutable, so decoded ones are kept in memory: a repeated read costs no I/O.
     * An entry another process evicted may still be returned; its blobs then fail to read, which
     * the caller already treats as a miss.
     */
    @Override
    public Entry readEntry(Digest id) throws IOException {
        Entry e = entryMemo.get(id);
        if (e != null) {
            return e;
        }
        e = loadEntry(id);
        if (e == null) {
            return null;
        }
        if (entryMemo.size() >= MEMO_LIMIT) {
            entryMemo.clear(); // crude bound; a re-read costs one small file
        }
        entryMemo.put(id, e);
        return e;
    }

    /** Reads and verifies an entry from disk, bypassing the in-memory copies. */
    Entry loadEntry(Digest id) throws IOException {
        byte[] b = AtomicFiles.readIfExists(layout.entry(id));
        return b == null ? null : EntryCodec.decode(b, id);
    }

    /** Drops the in-memory copy of an entry whose file this process removed. */
    void forgetEntry(Digest id) {
        entryMemo.remove(id);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A manifest read before is reused while its file keeps the same identity, size and time
     * (one {@code stat}). A stale view can only cause a miss, never a wrong hit: each candidate is
     * checked against the inputs and its entry anyway.
     */
    @Override
    public Manifest readManifest(Digest actionKey) throws IOException {
        return manifests.read(actionKey);
    }

    /** Reads and verifies a manifest from disk, bypassing the in-memory copies. */
    Manifest loadManifest(Digest actionKey) throws IOException {
        return manifests.load(actionKey);
    }

    @Override
    public void addCandidate(Digest actionKey, Manifest.Candidate candidate) throws IOException {
        manifests.update(actionKey, m -> m.withNewest(candidate));
    }

    @Override
    public void removeCandidate(Digest actionKey, Digest entry) throws IOException {
        manifests.update(actionKey, m -> {
            List<Manifest.Candidate> keep = new ArrayList<>(m.candidates());
            keep.removeIf(c -> c.entry().equals(entry));
            return new Manifest(keep);
        });
    }

    @Override
    public void removeManifest(Digest actionKey) throws IOException {
        manifests.update(actionKey, m -> Manifest.EMPTY);
    }

    @Override
    public void touch(Digest actionKey, Digest entry, Entry value) {
        long nowMs = clock.millis();
        Long last = lastTouch.get(entry);
        if (last != null && nowMs - last < TOUCH_INTERVAL.toMillis() && nowMs >= last) {
            // Off the hot path, but kept: the mark is written before any eviction pass and at exit.
            pendingTouches.put(entry, new PendingTouch(actionKey, value));
            return;
        }
        lastTouch.put(entry, nowMs);
        pendingTouches.remove(entry);
        mark(actionKey, entry, value, now());
    }

    private void mark(Digest actionKey, Digest entry, Entry value, FileTime at) {
        try {
            for (BlobRef b : EntryCodec.blobs(value)) { // blobs before the entry (LRU invariant)
                setTime(layout.blob(b.digest()), at);
            }
            setTime(layout.entry(entry), at);
            setTime(layout.manifest(actionKey), at);
        } catch (IOException e) {
            // LRU marks are best effort: a failed mark only makes eviction less accurate
        }
    }

    /**
     * Writes the LRU marks the throttle held back, so eviction sees the true order of use. They
     * get the time of the flush, never an earlier one: a blob shared with a newer entry must not
     * get older than that entry (LRU invariant).
     */
    void flushTouches() {
        if (pendingTouches.isEmpty()) {
            return;
        }
        FileTime at = now();
        for (Digest entry : pendingTouches.keySet()) {
            PendingTouch t = pendingTouches.remove(entry);
            if (t != null) {
                lastTouch.put(entry, clock.millis());
                mark(t.actionKey(), entry, t.value(), at);
            }
        }
    }

    @Override
    public KeyLock lockKey(Digest actionKey, Duration timeout) throws IOException {
        return locks.acquire(layout.keyLock(actionKey), timeout);
    }

    @Override
    public long keyLockHolder(Digest actionKey) {
        return LockHolder.pid(layout.keyLock(actionKey));
    }

    @Override
    public StatCache statCache() {
        return statCache;
    }

    @Override
    public StatsCounters stats() {
        return stats;
    }

    @Override
    public long sizeBytes() {
        return sizeFile.read().getOrDefault(SIZE, 0L) + pendingSize.get();
    }

    @Override
    public EvictionReport evict(long maxBytes) throws IOException {
        flushTouches();
        return new Eviction(this, layout, locks).run(maxBytes);
    }

    @Override
    public void clear() throws IOException {
        for (Path dir : new Path[] {layout.cas, layout.ac}) {
            // Rename first so concurrent readers see an empty cache at once, then delete.
            Path trash = layout.tmp.resolve("trash-" + AtomicFiles.tmpName(layout).getFileName());
            try {
                Files.move(dir, trash);
            } catch (NoSuchFileException e) {
                continue;
            } finally {
                Files.createDirectories(dir, CacheLayout.DIR_ATTRS);
            }
            FileTrees.deleteRecursively(trash);
        }
        statCache.clear();
        lastTouch.clear();
        pendingTouches.clear();
        entryMemo.clear();
        manifests.forgetAll();
        pendingSize.set(0);
        resetSize(0);
    }

    @Override
    public long fileSystemNow() throws IOException {
        Path probe = layout.tmp.resolve("clock-" + Pid.current());
        try (FileChannel ch = FileChannel.open(probe, java.util.Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING),
                CacheLayout.FILE_ATTRS)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {1})); // a write sets mtime to now
        }
        return Files.getLastModifiedTime(probe).to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** Every entry with its size (file plus referenced blobs) and last use; damaged skipped. */
    public List<EntryInfo> entries() throws IOException {
        return new StoreInspector(this, layout).entries();
    }

    /** Every manifest with its number of candidates, size and last use; damaged skipped. */
    public List<ManifestInfo> manifests() throws IOException {
        return new StoreInspector(this, layout).manifests();
    }

    /**
     * Checks every checksum and reference in the cache; with {@link VerifyMode#REPAIR} also
     * removes what is damaged or dangling.
     */
    public VerifyReport verify(VerifyMode mode) throws IOException {
        return new StoreInspector(this, layout).verify(mode);
    }

    /** Writes pending stats and size increments to disk (also done on a timer and at exit). */
    public void flush() {
        flushTouches();
        stats.flush();
        long d = pendingSize.getAndSet(0);
        if (d != 0) {
            try {
                sizeFile.add(Map.of(SIZE, d));
            } catch (IOException e) {
                pendingSize.addAndGet(d);
            }
        }
    }

    @Override
    public void close() {
        flusher.stop();
        flush();
        statCache.close();
    }

    /**
     * Sets the tracked size after a full recount (eviction, clear). Increments still pending
     * are kept: the pass flushed the earlier ones before scanning, so these come from stores
     * that raced with it. Dropping them undercounted, letting the cache outgrow its limit; a
     * store whose file the scan already saw is counted twice instead, which only makes the
     * next pass come early and recount.
     */
    void resetSize(long bytes) throws IOException {
        sizeFile.replace(Map.of(SIZE, bytes, RECOUNTED_AT, System.currentTimeMillis()));
    }

    /**
     * Whether the tracked size is due for an exact recount: increments lost by a process that died
     * before flushing would otherwise let the cache outgrow its limit unnoticed.
     */
    boolean recountDue() {
        long at = sizeFile.read().getOrDefault(RECOUNTED_AT, 0L);
        return System.currentTimeMillis() - at > RECOUNT_INTERVAL.toMillis();
    }

    FileTime now() {
        return FileTime.from(clock.instant());
    }

    private static boolean setTime(Path p, FileTime t) throws IOException {
        try {
            Files.setLastModifiedTime(p, t);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}
