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
 * <p>Thread-safe; failures to persist are swallowed.
 */
final class LocalStatCache implements StatCache {
    static final int MAGIC = 0x43534853; // "CSHS"
    static final int VERSION = 1;
    static final int SYNC = 0xCA5E;
    private static final int HEADER = 6;
    private static final int FIXED = 5 * 8 + 4 + Digest.LENGTH;
    private static final int MAX_BODY = 0xffff;
    private static final long COMPACT_MIN_BYTES = 1 << 20;
    private static final long MAX_JOURNAL_BYTES = 256L << 20;
    private static final Set<OpenOption> APPEND = Set.of(StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.APPEND);

    private record Known(FileStat stat, Digest digest) {}

    private final CacheLayout layout;
    private final FileLocks locks;
    private final ConcurrentHashMap<String, Known> map = new ConcurrentHashMap<>();
    private volatile boolean loaded;
    private FileChannel journal; // guarded by this

    LocalStatCache(CacheLayout layout, FileLocks locks) {
        this.layout = layout;
        this.locks = locks;
    }

    @Override
    public Digest lookup(String path, FileStat stat) {
        if (!loaded) {
            load();
        }
        Known k = map.get(path);
        return k != null && k.stat.equals(stat) ? k.digest : null;
    }

    @Override
    public void remember(String path, FileStat stat, Digest digest) {
        if (!loaded) {
            load();
        }
        Known k = new Known(stat, digest);
        if (k.equals(map.put(path, k))) {
            return;
        }
        byte[] rec = record(path, k);
        if (rec == null) {
            return;
        }
        synchronized (this) {
            try {
                if (journal == null) {
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

    /** Forgets everything, in memory and on disk. */
    synchronized void clear() throws IOException {
        map.clear();
        closeJournal();
        Files.deleteIfExists(layout.statCache);
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
        loaded = true;
    }

    /** Parses a journal into the map; returns the number of valid records. */
    private int parse(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        int pos = b.length >= HEADER && buf.getInt(0) == MAGIC ? HEADER : 0;
        int records = 0;
        while (pos + 8 <= b.length) {
            int len = buf.getShort(pos + 2) & 0xffff;
            int end = pos + 4 + len;
            if ((buf.getShort(pos) & 0xffff) != SYNC || len < FIXED || end + 4 > b.length
                    || buf.getInt(end) != BinaryFormat.crc32c(b, pos + 4, len)) {
                pos++; // resynchronise on the next sync mark
                continue;
            }
            buf.position(pos + 4);
            FileStat stat = new FileStat(buf.getLong(), buf.getLong(), buf.getLong(),
                    buf.getLong(), buf.getLong(), buf.getInt());
            byte[] d = new byte[Digest.LENGTH];
            buf.get(d);
            String path = new String(b, buf.position(), end - buf.position(),
                    StandardCharsets.UTF_8);
            map.put(path, new Known(stat, Digest.of(d)));
            records++;
            pos = end + 4;
        }
        return records;
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
        return ByteBuffer.allocate(HEADER).putInt(MAGIC).putShort((short) VERSION).array();
    }

    private static byte[] record(String path, Known k) {
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        int len = FIXED + p.length;
        if (len > MAX_BODY) {
            return null; // such a path is just not remembered
        }
        FileStat s = k.stat;
        ByteBuffer buf = ByteBuffer.allocate(4 + len + 4);
        buf.putShort((short) SYNC).putShort((short) len);
        buf.putLong(s.size()).putLong(s.mtimeNanos()).putLong(s.ctimeNanos())
                .putLong(s.inode()).putLong(s.device()).putInt(s.mode());
        buf.put(k.digest.bytes()).put(p);
        buf.putInt(BinaryFormat.crc32c(buf.array(), 4, len));
        return buf.array();
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
