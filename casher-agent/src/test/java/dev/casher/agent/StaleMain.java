package dev.casher.agent;

import dev.casher.CachedFunction1;
import dev.casher.Casher;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One JVM of a two-JVM stale-replay scenario (forked by {@link TwoJvms}): calls a cached function
 * once and prints {@code RESULT <value>} and {@code RUNS <how often its body ran>}.
 */
public final class StaleMain {
    /** How often a function body ran in this JVM (stdout would be replayed on a hit). */
    static final java.util.concurrent.atomic.AtomicInteger RUNS = new java.util.concurrent.atomic.AtomicInteger();

    private StaleMain() {}

    /** Reads a file named relative to the working directory. */
    static String readRelative(String rel) throws IOException {
        RUNS.incrementAndGet();
        return Files.readString(Path.of(rel));
    }

    /** Whether a file named relative to the working directory exists. */
    static Boolean markerExists(String rel) {
        RUNS.incrementAndGet();
        return new File(rel).exists();
    }

    /** Reads a class-path resource. */
    static String resource(String name) throws IOException {
        RUNS.incrementAndGet();
        try (InputStream in = StaleMain.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? "<none>" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Calls a library class (from a jar the test builds). */
    static String useLib(String label) {
        RUNS.incrementAndGet();
        return dev.casher.agent.jarlib.LibUser.use(label);
    }

    public static void main(String[] args) throws Exception {
        String scenario = args[0];
        String arg = args[1];
        Object result = switch (scenario) {
            case "read-relative" -> call(Casher.wrap(StaleMain::readRelative), arg);
            case "exists-relative" -> call(Casher.wrap(StaleMain::markerExists), arg);
            case "resource" -> call(Casher.wrap(StaleMain::resource), arg);
            case "threads" -> threads(Path.of(arg));
            case "lib" -> call(Casher.wrap(StaleMain::useLib), arg);
            default -> throw new IllegalArgumentException(scenario);
        };
        System.out.println("RESULT " + result);
        System.out.println("RUNS " + RUNS.get());
        System.out.flush();
    }

    /** Reads a file (one per thread in {@link #threads}). */
    static String readFile(String path) throws IOException {
        RUNS.incrementAndGet();
        return Files.readString(Path.of(path));
    }

    /** Eight threads at once, each calling one function with its own file {@code dir/f<i>}. */
    private static String threads(Path dir) throws Exception {
        CachedFunction1<String, String> f = Casher.wrap(StaleMain::readFile);
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(8);
        String[] got = new String[8];
        Thread[] ts = new Thread[8];
        for (int i = 0; i < 8; i++) {
            int n = i;
            ts[i] = new Thread(() -> {
                try {
                    start.await();
                    got[n] = f.apply(dir.resolve("f" + n).toString());
                } catch (Exception e) {
                    got[n] = e.toString();
                }
            });
            ts[i].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        return String.join(",", got);
    }

    private static <R> R call(CachedFunction1<String, R> f, String arg) {
        return f.apply(arg);
    }
}
