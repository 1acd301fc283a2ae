package dev.casher.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Helpers around worker processes for the suites: a work directory with inputs, starting,
 * waiting, killing and reading. Not thread-safe; one per suite.
 */
final class Workers {
    private static final AtomicLong SEQ = new AtomicLong();
    final ProcessDriver driver;
    final Path logs;

    Workers(ProcessDriver driver, Path logs) throws IOException {
        this.driver = driver;
        this.logs = Files.createDirectories(logs);
    }

    /** A started worker and where its output goes. */
    record Worker(Process process, Path stdout, Path stderr) {
        String stderrText() throws IOException {
            return Files.readString(stderr, StandardCharsets.ISO_8859_1);
        }
    }

    Worker start(ProcessDriver.Plan plan) throws IOException {
        long n = SEQ.incrementAndGet();
        Path out = logs.resolve(n + ".out");
        Path err = logs.resolve(n + ".err");
        return new Worker(driver.start(plan, out, err), out, err);
    }

    /** Writes generation {@code gen} of the four input files of {@code work}. */
    static void writeInputs(Path work, int gen) throws IOException {
        Files.createDirectories(work.resolve("in"));
        Files.createDirectories(work.resolve("out"));
        for (int i = 0; i < 4; i++) {
            Files.writeString(work.resolve("in").resolve(i + ".txt"), input(i, gen));
        }
    }

    /** The content of input file {@code i} in generation {@code gen}. */
    static String input(int i, int gen) {
        return "input " + i + " generation " + gen + "\n";
    }

    /** Waits until the worker is set up (or has exited); false on timeout. */
    static boolean awaitReady(Worker w, long timeoutMillis) throws IOException,
            InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            if (WorkerLog.ready(w.stdout()) || !w.process().isAlive()) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    /** Waits until the worker has completed a call (or exited); false on timeout. */
    static boolean awaitFirstCall(Worker w, long timeoutMillis) throws IOException,
            InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            if (!w.process().isAlive()
                    || Files.readString(w.stdout(),
                    StandardCharsets.ISO_8859_1).contains("\nCALL ")) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    /** Waits for a worker to exit; kills it (and fails) after {@code seconds}. */
    static int await(Worker w, int seconds) throws InterruptedException, IOException {
        if (!w.process().waitFor(seconds, TimeUnit.SECONDS)) {
            w.process().destroyForcibly().waitFor();
            throw new AssertionError("worker did not finish in " + seconds + " s: "
                    + w.stderrText());
        }
        return w.process().exitValue();
    }

    /** SIGKILLs a worker; true if it was still running. */
    static boolean kill(Worker w) throws InterruptedException {
        boolean alive = w.process().isAlive();
        w.process().destroyForcibly().waitFor();
        return alive;
    }

    /**
     * Checks every output file of {@code work}: each must be whole, equal to the output of its
     * key for some input generation up to {@code gen} (a torn or mixed file is data lost).
     * Returns one line per bad file.
     */
    static List<String> damagedOutputs(Path work, int gen) throws IOException {
        List<String> bad = new ArrayList<>();
        try (var files = Files.list(work.resolve("out"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".bin")).toList()) {
                int key = Integer.parseInt(f.getFileName().toString().replace(".bin", ""));
                byte[] actual = Files.readAllBytes(f);
                boolean known = false;
                for (int g = gen; g >= 0 && !known; g--) {
                    known = Arrays.equals(actual, Workload.fileContent(key, input(key % 4, g)));
                }
                if (!known) {
                    bad.add(f + " (" + actual.length + " bytes) is no whole output of key " + key);
                }
            }
        }
        return bad;
    }
}
