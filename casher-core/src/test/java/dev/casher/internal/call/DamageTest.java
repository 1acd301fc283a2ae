package dev.casher.internal.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casher.CallOptions;
import dev.casher.Mode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged cache is a miss, never a wrong replay and never an error; eviction keeps the limit. */
class DamageTest {
    static final AtomicInteger RUNS = new AtomicInteger();

    @TempDir
    Path tmp;

    static final CallOptions WRITES = CallOptions.builder().mode(Mode.DECLARED)
            .outputs(a -> List.of(Path.of((String) a[0])))
            .build();

    static String produce(String out, Integer size) throws IOException {
        RUNS.incrementAndGet();
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 31 + size);
        }
        Files.write(Path.of(out), data);
        return "wrote " + size;
    }

    @BeforeEach
    void reset() {
        RUNS.set(0);
    }

    @Test
    void call_blobsFlipped_isMissWithCorrectResultAndThenHitsAgain() throws Throwable {
        Path cache = tmp.resolve("cache");
        Path out = tmp.resolve("out.bin");
        new Engines(cache).call(DamageTest::produce, WRITES, out.toString(), 4096);
        byte[] expected = Files.readAllBytes(out);
        for (Path blob : blobs(cache)) {
            flipByte(blob, Files.size(blob) / 2);
        }
        Files.delete(out);

        Object again = new Engines(cache).call(DamageTest::produce, WRITES, out.toString(), 4096);

        assertThat(again).isEqualTo("wrote 4096");
        assertThat(RUNS).hasValue(2);
        assertThat(Files.readAllBytes(out)).isEqualTo(expected);
        Files.delete(out);
        assertThat(new Engines(cache).<String, Integer, Object>call(DamageTest::produce, WRITES, out.toString(), 4096))
                .isEqualTo("wrote 4096");
        assertThat(RUNS).hasValue(2);
        assertThat(Files.readAllBytes(out)).isEqualTo(expected);
    }

    @Test
    void call_entryTruncated_isMissAndEntryDropped() throws Throwable {
        Path cache = tmp.resolve("cache");
        Path out = tmp.resolve("out.bin");
        new Engines(cache).call(DamageTest::produce, WRITES, out.toString(), 100);
        for (Path e : files(cache, ".e")) {
            try (RandomAccessFile f = new RandomAccessFile(e.toFile(), "rw")) {
                f.setLength(f.length() / 2);
            }
        }
        new Engines(cache).call(DamageTest::produce, WRITES, out.toString(), 100);
        new Engines(cache).call(DamageTest::produce, WRITES, out.toString(), 100);
        assertThat(RUNS).hasValue(2);
    }

    @Test
    void call_manyLargeEntries_evictionKeepsSizeUnderLimit() throws Throwable {
        long limit = 40L << 20;
        Path cache = tmp.resolve("cache");
        Engines engines = new Engines(cache, java.util.Map.of(), "Linux", limit);
        for (int i = 0; i < 60; i++) {
            Path out = tmp.resolve("out" + i + ".bin");
            engines.call(DamageTest::produce, WRITES, out.toString(), (1 << 20) + i);
            Files.delete(out);
        }
        // A background pass may be running; evict() returns at once then, so wait for it.
        long deadline = System.nanoTime() + 60_000_000_000L;
        do {
            Eviction.evictNow(engines.engine.environment());
        } while (engines.engine.environment().store().sizeBytes() > limit && System.nanoTime() < deadline
                && sleep());
        assertThat(engines.engine.environment().store().sizeBytes()).isLessThanOrEqualTo(limit);
        assertThat(sizeOnDisk(cache)).isLessThanOrEqualTo(limit + (1 << 20));
        // The newest entries survive and still replay completely.
        Path out = tmp.resolve("out59.bin");
        int before = RUNS.get();
        engines.call(DamageTest::produce, WRITES, out.toString(), (1 << 20) + 59);
        assertThat(RUNS).hasValue(before);
        assertThat(Files.size(out)).isEqualTo((1 << 20) + 59);
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(100);
        return true;
    }

    private static List<Path> blobs(Path cache) throws IOException {
        try (Stream<Path> s = Files.walk(cache.resolve("v1/cas"))) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private static List<Path> files(Path cache, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(cache.resolve("v1/ac"))) {
            return s.filter(p -> p.toString().endsWith(suffix)).toList();
        }
    }

    private static long sizeOnDisk(Path cache) throws IOException {
        try (Stream<Path> s = Files.walk(cache.resolve("v1/cas"))) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void flipByte(Path p, long at) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0xff);
        }
    }
}
