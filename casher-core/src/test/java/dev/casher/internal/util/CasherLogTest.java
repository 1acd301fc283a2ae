package dev.casher.internal.util;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casher.CachedFunction1;
import dev.casher.CallOptions;
import dev.casher.Casher;
import dev.casher.Mode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where casher's warnings go, in fresh JVMs whose class path has no casher agent (so every
 * in-process call warns that it runs without caching): with no SLF4J provider bound, or no
 * slf4j-api at all, on stderr as one {@code casher:} line; with a provider, through it.
 */
class CasherLogTest {
    @TempDir
    Path dir;

    /**
     * Calls a wrapped function twice; the warning must appear once, and both calls run. With
     * {@code nested}, the warning is said inside another cached call's recording, which must not
     * capture it (its hit would say it again).
     */
    public static final class Probe {
        static final CachedFunction1<String, String> INNER = Casher.wrap(Probe::shout);

        public static void main(String[] args) throws Exception {
            CachedFunction1<String, String> f = args.length > 0
                    ? Casher.wrap(Probe::outer, CallOptions.builder().mode(Mode.DECLARED).build()) : INNER;
            System.out.println(f.apply("one"));
            System.out.println(f.apply("one"));
        }

        static String outer(String s) throws Exception {
            return INNER.apply(s);
        }

        static String shout(String s) {
            return s.toUpperCase(java.util.Locale.ROOT);
        }
    }

    record Run(int exit, String out, List<String> err) {}

    private Run probe(String... droppedJars) throws Exception {
        return probe(List.of(), droppedJars);
    }

    private Run probe(List<String> args, String... droppedJars) throws Exception {
        String cp = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> Arrays.stream(droppedJars).noneMatch(e::contains))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcasher.cache-dir=" + dir.resolve("cache"), "-cp", cp, Probe.class.getName()));
        cmd.addAll(args);
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("probe finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readAllLines(err, StandardCharsets.UTF_8));
    }

    private static List<String> casherLines(Run r) {
        return r.err().stream().filter(l -> l.startsWith("casher: ")).toList();
    }

    @Test
    void noProviderBound_warningOnStderrOnce_callsStillRun() throws Exception {
        Run r = probe("slf4j-simple");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("ONE\nONE\n");
        assertThat(casherLines(r)).as(r.toString()).hasSize(1);
        assertThat(casherLines(r).get(0)).contains("no in-process tracker").contains("run without caching");
    }

    @Test
    void noProviderBound_warningInsideAnotherCallsRecording_isNotCapturedAndReplayed() throws Exception {
        Run r = probe(List.of("nested"), "slf4j-simple");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("ONE\nONE\n");
        assertThat(casherLines(r)).as(r.toString()).hasSize(1);
    }

    @Test
    void noSlf4jApiAtAll_warningOnStderrOnce_callsStillRun() throws Exception {
        Run r = probe("slf4j-simple", "slf4j-api");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("ONE\nONE\n");
        assertThat(casherLines(r)).as(r.toString()).hasSize(1);
        assertThat(casherLines(r).get(0)).contains("no in-process tracker");
    }

    @Test
    void providerBound_warningGoesThroughIt() throws Exception {
        Run r = probe();
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("ONE\nONE\n");
        assertThat(casherLines(r)).as("nothing printed past the provider").isEmpty();
        assertThat(r.err()).filteredOn(l -> l.contains("WARN") && l.contains("casher: no in-process tracker"))
                .as(r.toString()).hasSize(1);
    }
}
