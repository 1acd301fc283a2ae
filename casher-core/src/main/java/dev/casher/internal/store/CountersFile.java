package dev.casher.internal.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small file of named 64-bit counters that several processes add to: each update reads, adds
 * and writes-then-renames under the file's lock, so no increment is lost and readers (who take
 * no lock) always see a whole file.
 *
 * <pre>
 * counters = "CSHC":u32 version:u16=1 count:u32 (name:str value:i64)* crc32c:u32  ; sorted by name
 * </pre>
 *
 * A damaged file reads as all zeros (counters are not worth failing a call for). Thread-safe.
 */
final class CountersFile {
    static final int MAGIC = 0x43534843; // "CSHC"
    static final int VERSION = 1;
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(5);

    private final CacheLayout layout;
    private final Path file;
    private final Path lock;
    private final FileLocks locks;

    CountersFile(CacheLayout layout, Path file, FileLocks locks) {
        this.layout = layout;
        this.file = file;
        this.lock = layout.lock(file.getFileName() + ".lock");
        this.locks = locks;
    }

    /** The persisted counters; empty if the file is missing or damaged. */
    Map<String, Long> read() {
        try {
            byte[] b = AtomicFiles.readIfExists(file);
            return b == null ? new TreeMap<>() : decode(b);
        } catch (IOException e) {
            return new TreeMap<>();
        }
    }

    /** Adds {@code deltas} to the persisted counters under the lock. */
    void add(Map<String, Long> deltas) throws IOException {
        update(deltas, false);
    }

    /** Replaces the persisted counters by {@code values} under the lock. */
    void replace(Map<String, Long> values) throws IOException {
        update(values, true);
    }

    private void update(Map<String, Long> values, boolean replace) throws IOException {
        try (CacheStore.KeyLock held = locks.acquire(lock, LOCK_TIMEOUT)) {
            if (held == null) {
                throw new IOException("timed out waiting for lock " + lock);
            }
            Map<String, Long> next = replace ? new TreeMap<>() : read();
            for (Map.Entry<String, Long> e : values.entrySet()) {
                next.put(e.getKey(), next.getOrDefault(e.getKey(), 0L) + e.getValue());
            }
            AtomicFiles.write(layout, file, encode(next), null, Durability.FAST);
        }
    }

    static byte[] encode(Map<String, Long> counters) {
        BinaryFormat.Writer w = new BinaryFormat.Writer();
        Map<String, Long> sorted = new TreeMap<>(counters);
        w.i32(sorted.size());
        for (Map.Entry<String, Long> e : sorted.entrySet()) {
            w.str(e.getKey()).i64(e.getValue());
        }
        return BinaryFormat.frame(MAGIC, VERSION, w.toByteArray());
    }

    static Map<String, Long> decode(byte[] b) throws CorruptCacheException {
        BinaryFormat.Reader r = BinaryFormat.unframe(b, MAGIC, VERSION, "counters");
        int n = r.count(12);
        Map<String, Long> out = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            out.put(r.str(), r.i64());
        }
        r.end();
        return out;
    }
}
