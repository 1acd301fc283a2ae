package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casher.CachedFunction1;
import dev.casher.Casher;
import dev.casher.CasherStats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * One test, run by three Maven invocations (three JVMs) on one cache directory: "miss" (the
 * agent self-attached by Casher.install()), "hit" (a new JVM: nothing runs, the recorded stdout
 * and the report file come back), "agent" (started with -javaagent:casher.jar, no install call:
 * hits too). The phase comes from the profile the invocation activates.
 */
class CacheAcrossJvmsTest {
    private static final Path STATE = Path.of("target/miss-run.properties");

    record Captured(Object value, String out) {}

    @Test
    void theOneJar_holdsCasherWithItsBytecodeLibrariesRelocated() throws Exception {
        ClassLoader cl = ClassLoader.getSystemClassLoader();
        Set<String> casher = new HashSet<>();
        for (URL u : Collections.list(cl.getResources("dev/casher/Casher.class"))) {
            casher.add(u.toString());
        }
        assertEquals(1, casher.size(), "one copy of casher: " + casher);
        assertTrue(casher.iterator().next().contains("/dev/casher/casher/"), casher.toString());
        for (String unrelocated : List.of("net/bytebuddy/ByteBuddy.class", "org/objectweb/asm/ClassVisitor.class")) {
            assertEquals(List.of(), Collections.list(cl.getResources(unrelocated)), unrelocated + " leaks");
        }
        assertNotNull(cl.getResource("dev/casher/shaded/asm/ClassVisitor.class"), "ASM inside");
        assertNotNull(cl.getResource("org/slf4j/LoggerFactory.class"), "slf4j-api from the pom");
    }

    @Test
    void wrappedAndAnnotatedCalls_missInOneJvm_replayInTheNext() throws Exception {
        String phase = System.getProperty("casher.it.phase");
        assertTrue(phase.equals("miss") || phase.equals("hit") || phase.equals("agent"),
                "run with -Pmiss, -Phit or -Pagent, not " + phase);
        boolean javaagent = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-javaagent:") && a.contains("casher"));
        assertEquals(phase.equals("agent"), javaagent, "-javaagent:casher.jar given in phase agent only");
        if (!phase.equals("agent")) {
            Casher.install(); // the README's start-up line; -javaagent makes it unnecessary
        }
        String input = Path.of("data/words.txt").toAbsolutePath().toString();
        CachedFunction1<String, Integer> words = Casher.wrap(WordCount::words);
        Files.deleteIfExists(WordCount.REPORT);
        CasherStats before = Casher.stats();
        Captured w = capture(() -> words.apply(input));
        Captured l = capture(() -> WordCount.lines(input));
        CasherStats after = Casher.stats();
        String pid = "pid " + ProcessHandle.current().pid();

        assertEquals(9, w.value());
        assertEquals(2, l.value());
        String report = Files.readString(WordCount.REPORT);
        if (phase.equals("miss")) {
            assertEquals(2, after.misses() - before.misses(), "both calls ran: " + after);
            assertEquals(0, after.hits() - before.hits());
            assertTrue(w.out().contains("counted 9 words in " + pid), w.out());
            assertTrue(l.out().contains("counted 2 lines in " + pid), l.out());
            assertTrue(report.contains(pid), report);
            Properties p = new Properties();
            p.setProperty("words.out", w.out());
            p.setProperty("lines.out", l.out());
            p.setProperty("report", report);
            try (Writer out = Files.newBufferedWriter(STATE)) {
                p.store(out, "the miss run");
            }
        } else {
            Properties miss = new Properties();
            try (Reader in = Files.newBufferedReader(STATE)) {
                miss.load(in);
            }
            assertEquals(2, after.hits() - before.hits(), "both calls hit: " + after);
            assertEquals(0, after.misses() - before.misses());
            assertEquals(miss.getProperty("words.out"), w.out(), "stdout replayed");
            assertEquals(miss.getProperty("lines.out"), l.out(), "stdout replayed");
            assertFalse(w.out().contains(pid), "the function did not run again: " + w.out());
            assertEquals(miss.getProperty("report"), report, "the report file restored");
        }
    }

    /** Runs {@code body} with System.out captured; the capture is echoed to the log after. */
    private static Captured capture(Callable<Object> body) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        Object value;
        try {
            value = body.call();
        } finally {
            System.setOut(original);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        original.print(out);
        return new Captured(value, out);
    }
}
