package dev.casher.internal.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casher.CallOptions;
import dev.casher.Mode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Single flight: concurrent callers of one key compute once, across threads and processes. */
class ConcurrencyTest {
    static final AtomicInteger RUNS = new AtomicInteger();
    static final CallOptions DECLARED = CallOptions.builder().mode(Mode.DECLARED).build();

    @TempDir
    Path tmp;

    static String slow(String arg) throws InterruptedException {
        RUNS.incrementAndGet();
        Thread.sleep(300);
        return "value of " + arg;
    }

    @Test
    void call_sameKeyFromEightThreads_computesOnce() throws Exception {
        RUNS.set(0);
        Engines engines = new Engines(tmp.resolve("cache"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<Object> c = () -> {
                    try {
                        return engines.call(ConcurrencyTest::slow, DECLARED, "k");
                    } catch (Throwable t) {
                        throw new AssertionError(t);
                    }
                };
                results.add(pool.submit(c));
            }
            for (Future<Object> f : results) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo("value of k");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(RUNS).hasValue(1);
    }

    @Test
    void call_sameKeyFromTwoProcesses_computesOnce() throws Exception {
        Path cache = tmp.resolve("cache");
        Path log = tmp.resolve("runs.log");
        Process a = child(cache, log, "300");
        Process b = child(cache, log, "300");
        assertThat(a.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(b.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(a.exitValue()).as(output(a)).isZero();
        assertThat(b.exitValue()).as(output(b)).isZero();
        assertThat(Files.readAllLines(log)).hasSize(1);
        assertThat(output(a) + output(b)).contains("result=done");
    }

    @Test
    void call_lockHolderKilled_othersProceedWithinSeconds() throws Exception {
        Path cache = tmp.resolve("cache");
        Path log = tmp.resolve("runs.log");
        Process holder = child(cache, log, "60000");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(log) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(log).exists();
        holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        long start = System.nanoTime();
        Process next = child(cache, log, "10");
        assertThat(next.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(next.exitValue()).as(output(next)).isZero();
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(took).as("a dead holder must not block").isLessThan(15_000);
        assertThat(Files.readAllLines(log)).hasSize(2);
    }

    private Process child(Path cache, Path log, String sleepMillis) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ChildMain.class.getName(), cache.toString(), log.toString(), sleepMillis);
        pb.redirectErrorStream(true);
        Path out = tmp.resolve("child-" + System.nanoTime() + ".out");
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        outputs.put(p, out);
        return p;
    }

    private final java.util.Map<Process, Path> outputs = new java.util.concurrent.ConcurrentHashMap<>();

    private String output(Process p) throws IOException {
        return Files.readString(outputs.get(p));
    }

    /** A process that makes one cached call whose body appends a line to a log and sleeps. */
    public static final class ChildMain {
        public static void main(String[] args) throws Throwable {
            Engines engines = new Engines(Path.of(args[0]));
            Object r = engines.call(ChildMain::body, DECLARED, args[1], Long.parseLong(args[2]));
            System.out.println("result=" + r);
            System.exit(0);
        }

        static String body(String log, Long sleepMillis) throws Exception {
            Files.writeString(Path.of(log), ProcessHandle.current().pid() + File.separator + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Thread.sleep(sleepMillis);
            return "done";
        }
    }
}
