package dev.casher.internal.store;

import dev.casher.internal.lookup.StatCache;
import dev.casher.internal.util.Digest;
import dev.casher.internal.util.FileStat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The persistent {@link StatCache}: an in-memory map (a lookup is one hash-map probe) loaded
 * lazily, once per process, from an append-only journal that every process appends to.
 *
 * <pre>
 * journal = "CSHS":u32 version:u16=1 record*
 * record  = sync:u16=0xCA5E length:u16 body crc32c:u32     ; crc32c of body
 * body    = size:i64 mtimeNs:i64 ctimeNs:i64 inode:i64 device:i64 mode:i32 digest:32 path:utf8
 * </pre>
 *
 * Each record is appended with one {@code write} on an {@code O_APPEND} descriptor, so records of
 * concurrent processes do not interleave. A torn or damaged record is skipped: the reader scans
 * forward to the next sync mark whose record checks out. Later records for a path win. When the
 * journal holds more than twice the live records, the loading process rewrites it (under a lock);
 * appends a process makes to the old file after that are lost, which costs one hash each.
 *
 * <p>The first few lookups of a process scan the journal's bytes for their path instead of
 * building the map: a command-line hit looks up a handful of paths, and building an object per
 * record would cost it more than the rest of the hit. Later lookups build it, and so does the
 * first lookup in a journal over 1 MiB (which may then be compacted).
 *
 * <p>Thread-safe; failures to persist are swallowed.
 */
final class LocalStatCache implements StatCache {
    static final int MAGIC = 0x43534853; // "CSHS"
    static final int VERSION = 1;
    private static final int FIXED = 5 * 8 + 4 + Digest.LENGTH;
    private static final long COMPACT_MIN_BYTES = 1 << 20;
    private static final long MAX_JOURNAL_BYTES = 256L << 20;
    private static final Set<OpenOption> APPEND = Set.of(StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.APPEND);

    private static final int SCANS_BEFORE_LOAD = 8;

    private record Known(FileStat stat, Digest digest) {
        // Written out: the generated one bootstraps method handles on a command-line hit.
        boolean sameAs(Known o) {
            return o != null && stat.equals(o.stat) && digest.equals(o.digest);
        }
    }

    /** What {@link #scan} answers once scanning is over and the map should be built. */
    private static final Known UNSCANNED = new Known(new FileStat(0, 0, 0, 0, 0, 0),
            Digest.of(new byte[Digest.LENGTH]));

    private final CacheLayout layout;
    private final FileLocks locks;
    private final ConcurrentHashMap<String, Known> map = new ConcurrentHashMap<>();
    private volatile boolean loaded;
    private FileChannel journal; // guarded by this
    private byte[] raw; // guarded by this: the journal as read for scans
    private int scans; // guarded by this

    LocalStatCache(CacheLayout layout, FileLocks locks) {
        this.layout = layout;
        this.locks = locks;
    }

    @Override
    public Digest lookup(String path, FileStat stat) {
        Known k = loaded ? map.get(path) : scan(path);
        if (k == UNSCANNED) {
            load();
            k = map.get(path);
        }
        return k != null && k.stat.equals(stat) ? k.digest : null;
    }

    @Override
    public void remember(String path, FileStat stat, Digest digest) {
        Known k = new Known(stat, digest);
        // Before the map is built there is nothing to compare with: a duplicate record is
        // harmless (later records win, compaction drops it).
        if (loaded && k.sameAs(map.put(path, k))) {
            return;
        }
        byte[] rec = record(path, k);
        if (rec == null) {
            return;
        }
        synchronized (this) {
            try {
                if (journal == null) {
                    RegularFiles.require(layout.statCache);
                    journal = FileChannel.open(layout.statCache, APPEND, CacheLayout.FILE_ATTRS);
                    if (journal.size() == 0) {
                        // a racing creator may add a second header: the reader skips it
                        journal.write(ByteBuffer.wrap(header()));
                    }
                }
                ByteBuffer buf = ByteBuffer.wrap(rec);
                while (buf.hasRemaining()) {
                    journal.write(buf);
                }
            } catch (IOException e) {
                closeJournal();
            }
        }
    }

    /**
     * The last valid record for {@code path}, scanning the journal's bytes; {@code null} if none;
     * {@link #UNSCANNED} when the map is built or should be.
     */
    private synchronized Known scan(String path) {
        if (loaded || scans++ >= SCANS_BEFORE_LOAD) {
            return UNSCANNED;
        }
        if (raw == null) {
            raw = readJournal();
        }
        if (raw.length > COMPACT_MIN_BYTES) {
            return UNSCANNED; // large: load it, which compacts it when mostly superseded
        }
        byte[] target = path.getBytes(StandardCharsets.UTF_8);
        int[] found = {-1};
        Journal.scan(raw, MAGIC, FIXED, new Journal.Visitor() {
            @Override
            public void record(byte[] file, int offset, int length) {
                if (length == FIXED + target.length && Arrays.equals(file, offset + FIXED,
                        offset + length, target, 0, target.length)) {
                    found[0] = offset;
                }
            }
        });
        if (found[0] < 0) {
            return null;
        }
        ByteBuffer buf = ByteBuffer.wrap(raw, found[0], FIXED);
        FileStat stat = new FileStat(buf.getLong(), buf.getLong(), buf.getLong(), buf.getLong(),
                buf.getLong(), buf.getInt());
        byte[] d = new byte[Digest.LENGTH];
        buf.get(d);
        return new Known(stat, Digest.of(d));
    }

    private byte[] readJournal() {
        try {
            byte[] b = AtomicFiles.readIfExists(layout.statCache);
            return b == null || b.length > MAX_JOURNAL_BYTES ? new byte[0] : b;
        } catch (IOException e) {
            return new byte[0]; // an unreadable journal is an empty one
        }
    }

    /** Forgets everything, in memory and on disk. */
    synchronized void clear() throws IOException {
        map.clear();
        closeJournal();
        Files.deleteIfExists(layout.statCache);
        raw = null;
        loaded = true;
    }

    /** Closes the journal descriptor. */
    synchronized void close() {
        closeJournal();
    }

    /** Number of paths known (for tests and {@code stats}). */
    int size() {
        if (!loaded) {
            load();
        }
        return map.size();
    }

    private synchronized void load() {
        if (loaded) {
            return;
        }
        try {
            RegularFiles.require(layout.statCache);
            long bytes = Files.exists(layout.statCache) ? Files.size(layout.statCache) : 0;
            if (bytes > MAX_JOURNAL_BYTES) {
                Files.deleteIfExists(layout.statCache); // pathological: start afresh
            } else if (bytes > 0) {
                int records = parse(Files.readAllBytes(layout.statCache));
                if (bytes > COMPACT_MIN_BYTES && records > 2 * map.size()) {
                    compact();
                }
            }
        } catch (IOException e) {
            // an unreadable journal is an empty one
        }
        raw = null;
        loaded = true;
    }

    /** Parses a journal into the map; returns the number of valid records. */
    private int parse(byte[] b) {
        return Journal.scan(b, MAGIC, FIXED, new Journal.Visitor() {
            @Override
            public void record(byte[] file, int offset, int length) {
                ByteBuffer buf = ByteBuffer.wrap(file, offset, length);
                FileStat stat = new FileStat(buf.getLong(), buf.getLong(), buf.getLong(),
                        buf.getLong(), buf.getLong(), buf.getInt());
                byte[] d = new byte[Digest.LENGTH];
                buf.get(d);
                String path = new String(file, buf.position(), offset + length - buf.position(),
                        StandardCharsets.UTF_8);
                map.put(path, new Known(stat, Digest.of(d)));
            }
        });
    }

    private void compact() throws IOException {
        try (CacheStore.KeyLock held = locks.acquire(layout.lock("statcache.lock"),
                Duration.ZERO)) {
            if (held == null) {
                return; // another process is compacting
            }
            map.clear();
            parse(Files.readAllBytes(layout.statCache)); // include appends since our read
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            out.write(header());
            map.forEach((p, k) -> {
                byte[] r = record(p, k);
                if (r != null) {
                    out.write(r, 0, r.length);
                }
            });
            AtomicFiles.write(layout, layout.statCache, out.toByteArray(), null,
                    Durability.FAST);
        }
    }

    private static byte[] header() {
        return Journal.header(MAGIC, VERSION);
    }

    private static byte[] record(String path, Known k) {
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        FileStat s = k.stat;
        ByteBuffer body = ByteBuffer.allocate(FIXED + p.length);
        body.putLong(s.size()).putLong(s.mtimeNanos()).putLong(s.ctimeNanos())
                .putLong(s.inode()).putLong(s.device()).putInt(s.mode());
        body.put(k.digest.bytes()).put(p);
        return Journal.record(body.array()); // null for a path too long: just not remembered
    }

    private void closeJournal() {
        if (journal != null) {
            try {
                journal.close();
            } catch (IOException e) {
                // nothing to do
            }
            journal = null;
        }
    }
}
