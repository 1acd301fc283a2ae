package dev.casher.internal.store;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Named 64-bit counters that several processes add to by appending a record of deltas to a
 * {@link Journal}: one {@code write}, no lock and no rewrite, which a command-line hit can afford
 * on its way out. The value of a counter is the sum over all records.
 *
 * <pre>
 * journal = "CSHD":u32 version:u16=1 record*               ; framing in {@link Journal}
 * body    = count:u32 (name:str delta:i64)*
 * </pre>
 *
 * When the journal grows past {@value #COMPACT_BYTES} bytes, the appender folds it into one
 * record (under a lock, write-then-rename), then forwards what other processes appended to the
 * old file during a short grace period. A delta appended to the old file after that is lost:
 * acceptable for statistics, which is all this holds. A legacy
 * snapshot {@link CountersFile} at {@code legacy} is added in when present. Damaged records are
 * skipped (counters are not worth failing a call for). Thread-safe.
 */
final class CountersJournal {
    static final int MAGIC = 0x43534844; // "CSHD"
    static final int VERSION = 1;
    static final long COMPACT_BYTES = 64 << 10;
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(5);
    private static final long FOLD_GRACE_MILLIS = 20;

    private final CacheLayout layout;
    private final Path file;
    private final Path legacy;
    private final Path lock;
    private final FileLocks locks;

    CountersJournal(CacheLayout layout, Path file, Path legacy, FileLocks locks) {
        this.layout = layout;
        this.file = file;
        this.legacy = legacy;
        this.lock = layout.lock(file.getFileName() + ".lock");
        this.locks = locks;
    }

    /** The counters: the sum of every record (and of the legacy snapshot). */
    Map<String, Long> read() {
        Map<String, Long> sums = legacySums();
        try {
            byte[] b = AtomicFiles.readIfExists(file);
            if (b != null) {
                sumInto(b, sums);
            }
        } catch (IOException e) {
            // an unreadable journal reads as zeros
        }
        return sums;
    }

    private Map<String, Long> legacySums() {
        Map<String, Long> sums = new TreeMap<>();
        try {
            byte[] b = AtomicFiles.readIfExists(legacy);
            if (b != null) {
                sums.putAll(CountersFile.decode(b));
            }
        } catch (IOException e) {
            // a damaged legacy snapshot reads as zeros
        }
        return sums;
    }

    /** Adds {@code deltas} (one appended record); folds the journal when it has grown large. */
    void add(Map<String, Long> deltas) throws IOException {
        byte[] record = Journal.record(encode(deltas));
        if (record == null) {
            throw new IOException("too many counters in one update: " + deltas.size());
        }
        Journal.append(file, Journal.header(MAGIC, VERSION), record);
        if (file.toFile().length() > COMPACT_BYTES) {
            compact();
        }
    }

    /** Replaces every counter by {@code values} (under the lock; the legacy snapshot goes). */
    void replace(Map<String, Long> values) throws IOException {
        try (CacheStore.KeyLock held = locks.acquire(lock, LOCK_TIMEOUT)) {
            if (held == null) {
                throw new IOException("timed out waiting for lock " + lock);
            }
            writeFolded(values);
            java.nio.file.Files.deleteIfExists(legacy);
        }
    }

    /**
     * Folds the journal into one record. Appenders that opened the old file before the rename
     * may still write to it: the old file stays open for a short grace period and whatever
     * reached it meanwhile is forwarded to the new journal.
     */
    private void compact() throws IOException {
        try (CacheStore.KeyLock held = locks.acquire(lock, Duration.ZERO)) {
            if (held == null) {
                return; // another process is folding it
            }
            RegularFiles.require(file);
            try (FileInputStream old = new FileInputStream(file.toFile())) {
                Map<String, Long> values = legacySums();
                sumInto(old.readAllBytes(), values); // the records so far, of the inode held
                writeFolded(values); // renamed into place: appenders now reach the new file
                java.nio.file.Files.deleteIfExists(legacy);
                Thread.sleep(FOLD_GRACE_MILLIS);
                byte[] late = old.readAllBytes(); // what reached the old file meanwhile
                if (late.length > 0) {
                    try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
                        out.write(late); // whole records; a torn one is skipped by readers
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void writeFolded(Map<String, Long> values) throws IOException {
        byte[] header = Journal.header(MAGIC, VERSION);
        byte[] record = Journal.record(encode(values));
        if (record == null) {
            throw new IOException("too many counters: " + values.size());
        }
        byte[] all = new byte[header.length + record.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(record, 0, all, header.length, record.length);
        AtomicFiles.write(layout, file, all, null, Durability.FAST);
    }

    static byte[] encode(Map<String, Long> counters) {
        BinaryFormat.Writer w = new BinaryFormat.Writer();
        w.i32(counters.size());
        for (Map.Entry<String, Long> e : new TreeMap<>(counters).entrySet()) {
            w.str(e.getKey()).i64(e.getValue());
        }
        return w.toByteArray();
    }

    /** Adds every valid record of journal {@code b} to {@code sums}. */
    static void sumInto(byte[] b, Map<String, Long> sums) {
        Journal.scan(b, MAGIC, 4, new Journal.Visitor() {
            @Override
            public void record(byte[] file, int offset, int length) {
                BinaryFormat.Reader r = new BinaryFormat.Reader(
                        java.nio.ByteBuffer.wrap(file, offset, length).slice(), "counters record");
                Map<String, Long> deltas = new TreeMap<>();
                try {
                    int n = r.count(12);
                    for (int i = 0; i < n; i++) {
                        deltas.put(r.str(), r.i64());
                    }
                    r.end();
                } catch (CorruptCacheException e) {
                    return; // a record that checks out but does not parse: skipped whole
                }
                for (Map.Entry<String, Long> d : deltas.entrySet()) {
                    sums.put(d.getKey(), sums.getOrDefault(d.getKey(), 0L) + d.getValue());
                }
            }
        });
    }
}
