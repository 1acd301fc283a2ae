package dev.casher.internal.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casher.CallOptions;
import dev.casher.CasherException;
import dev.casher.Mode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallEngineTest {
    static final AtomicInteger RUNS = new AtomicInteger();

    @TempDir
    Path tmp;
    Engines engines;
    Path in;
    Path out;
    PrintStream savedOut;
    PrintStream savedErr;
    ByteArrayOutputStream captured;

    static final CallOptions DECLARED = CallOptions.builder().mode(Mode.DECLARED)
            .inputs(a -> List.of(Path.of((String) a[0])))
            .outputs(a -> List.of(Path.of((String) a[1])))
            .build();

    /** Reads {@code in}, writes its upper-cased content to {@code out}, prints to both streams. */
    static Map<String, Object> train(String in, String out, Double lr) throws IOException {
        RUNS.incrementAndGet();
        String text = Files.readString(Path.of(in));
        System.out.println("training on " + in);
        System.err.println("lr " + lr);
        System.out.println("done");
        Files.writeString(Path.of(out), text.toUpperCase());
        return Map.of("lines", text.lines().count(), "lr", lr);
    }

    @BeforeEach
    void setUp() throws IOException {
        RUNS.set(0);
        engines = new Engines(tmp.resolve("cache"));
        in = tmp.resolve("train.csv");
        out = tmp.resolve("model.bin");
        Files.writeString(in, "a,b\nc,d\n");
        savedOut = System.out;
        savedErr = System.err;
        captured = new ByteArrayOutputStream();
        // Both streams into one buffer: the order between them is part of what is replayed.
        PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
    }

    @AfterEach
    void tearDown() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    private Object train(double lr) throws Throwable {
        return engines.call(CallEngineTest::train, DECLARED, in.toString(), out.toString(), lr);
    }

    @Test
    void call_sameArguments_isHitWithRestoredOutputAndReplayedStreams() throws Throwable {
        Object first = train(0.01);
        String firstOutput = captured.toString(StandardCharsets.UTF_8);
        Files.delete(out);
        captured.reset();

        Object second = train(0.01);

        assertThat(RUNS).hasValue(1);
        assertThat(second).isEqualTo(first);
        assertThat(Files.readString(out)).isEqualTo("A,B\nC,D\n");
        String expected = "training on " + in + "\nlr 0.01\ndone\n";
        assertThat(firstOutput).startsWith(expected);
        assertThat(captured.toString(StandardCharsets.UTF_8)).startsWith(expected);
        assertThat(engines.counters()).containsEntry("hits", 1L).containsEntry("misses", 1L);
    }

    @Test
    void call_argumentsChange_isMiss() throws Throwable {
        train(0.01);
        train(0.02);
        assertThat(RUNS).hasValue(2);
    }

    @Test
    void call_inputContentChanges_isMiss() throws Throwable {
        train(0.01);
        Files.writeString(in, "x,y\nz,w\n");
        train(0.01);
        assertThat(RUNS).hasValue(2);
        assertThat(Files.readString(out)).isEqualTo("X,Y\nZ,W\n");
    }

    @Test
    void call_inputMtimeOnlyChanges_isHit() throws Throwable {
        train(0.01);
        Files.setLastModifiedTime(in, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        train(0.01);
        assertThat(RUNS).hasValue(1);
    }

    @Test
    void call_declaredEnvVarChanges_isMiss() throws Throwable {
        CallOptions o = CallOptions.builder().mode(Mode.DECLARED).env("MY_VAR").build();
        Path cache = tmp.resolve("cache2");
        new Engines(cache, Map.of("MY_VAR", "1")).call(CallEngineTest::count, o, "x");
        new Engines(cache, Map.of("MY_VAR", "1")).call(CallEngineTest::count, o, "x");
        assertThat(RUNS).hasValue(1);
        new Engines(cache, Map.of("MY_VAR", "2")).call(CallEngineTest::count, o, "x");
        new Engines(cache, Map.of()).call(CallEngineTest::count, o, "x");
        assertThat(RUNS).hasValue(3);
    }

    static int count(String s) {
        return RUNS.incrementAndGet();
    }

    @Test
    void call_exception_propagatesUnchangedAndIsNotCached() {
        CallOptions o = CallOptions.builder().mode(Mode.DECLARED).build();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> engines.call(CallEngineTest::fail, o, "boom"))
                    .isExactlyInstanceOf(IOException.class).hasMessage("boom");
        }
        assertThat(RUNS).hasValue(2);
    }

    static String fail(String msg) throws IOException {
        RUNS.incrementAndGet();
        throw new IOException(msg);
    }

    @Test
    void call_nonFingerprintableArgument_throwsDocumentedMessage() {
        CallOptions o = CallOptions.builder().mode(Mode.DECLARED).build();
        assertThatThrownBy(() -> engines.call(CallEngineTest::useThread, o, new Thread()))
                .isInstanceOf(CasherException.class)
                .hasMessageContaining("argument 1")
                .hasMessageContaining("java.lang.Thread")
                .hasMessageContaining("CacheKey");
        assertThat(RUNS).hasValue(0);
    }

    static String useThread(Thread t) {
        RUNS.incrementAndGet();
        return t.getName();
    }

    @Test
    void call_onNonLinux_passesThroughWithOneWarning() throws Throwable {
        Engines mac = new Engines(tmp.resolve("cache3"), Map.of(), "Mac OS X", 1 << 30);
        CallOptions o = CallOptions.builder().mode(Mode.DECLARED).build();
        mac.call(CallEngineTest::count, o, "x");
        mac.call(CallEngineTest::count, o, "x");
        assertThat(RUNS).hasValue(2);
        assertThat(captured.toString(StandardCharsets.UTF_8)).containsOnlyOnce("supports Linux only");
    }

    @Test
    void call_cacheDirIsRegularFile_runsPlainlyWithWarning() throws Throwable {
        Path file = tmp.resolve("not-a-dir");
        Files.writeString(file, "x");
        Engines broken = new Engines(file);
        CallOptions o = CallOptions.builder().mode(Mode.DECLARED).build();
        assertThat(broken.call(CallEngineTest::count, o, "x")).isEqualTo(1);
        assertThat(broken.call(CallEngineTest::count, o, "x")).isEqualTo(2);
        assertThat(captured.toString(StandardCharsets.UTF_8)).containsOnlyOnce("cache unavailable");
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    static int countFiles(String dir) {
        RUNS.incrementAndGet();
        return java.util.Objects.requireNonNull(new java.io.File(dir).list()).length;
    }

    @Test
    void call_declaredDirectory_newFileIsMissAndContentChangeIsMiss() throws Throwable {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("a.csv"), "1");
        CallOptions o = CallOptions.builder().mode(Mode.DECLARED)
                .inputs(a -> dev.casher.Inputs.dir(Path.of((String) a[0]), "*.csv")).build();
        engines.call(CallEngineTest::countFiles, o, data.toString());
        engines.call(CallEngineTest::countFiles, o, data.toString());
        assertThat(RUNS).hasValue(1);
        Files.writeString(data.resolve("b.csv"), "2");
        assertThat(engines.call(CallEngineTest::countFiles, o, data.toString())).isEqualTo(2);
        Files.writeString(data.resolve("a.csv"), "changed");
        engines.call(CallEngineTest::countFiles, o, data.toString());
        assertThat(RUNS).hasValue(3);
    }

    @Test
    void call_declaredInputAbsentThenPresent_isMiss() throws Throwable {
        Path maybe = tmp.resolve("optional.cfg");
        CallOptions o = CallOptions.builder().mode(Mode.DECLARED)
                .inputs(a -> List.of(Path.of((String) a[0]))).build();
        engines.call(CallEngineTest::count, o, maybe.toString());
        engines.call(CallEngineTest::count, o, maybe.toString());
        assertThat(RUNS).hasValue(1);
        Files.writeString(maybe, "now here");
        engines.call(CallEngineTest::count, o, maybe.toString());
        assertThat(RUNS).hasValue(2);
    }

    static Object threadValue(String s) {
        RUNS.incrementAndGet();
        return new Thread("not cacheable");
    }

    @Test
    void call_valueCannotBeEncoded_returnsItStoresNothingWarnsOnce() throws Throwable {
        CallOptions o = CallOptions.builder().mode(Mode.DECLARED).build();
        Object first = engines.call(CallEngineTest::threadValue, o, "x");
        Object second = engines.call(CallEngineTest::threadValue, o, "x");
        assertThat(first).isInstanceOf(Thread.class);
        assertThat(second).isInstanceOf(Thread.class);
        assertThat(RUNS).hasValue(2);
        assertThat(captured.toString(StandardCharsets.UTF_8)).containsOnlyOnce("returned but not cached");
    }

    static Engines recursiveEngines;

    static Integer factorial(Integer n) throws Exception {
        RUNS.incrementAndGet();
        CallOptions o = CallOptions.builder().mode(Mode.DECLARED).build();
        return n <= 1 ? 1 : n * (Integer) rethrow(() -> recursiveEngines.call(CallEngineTest::factorial, o, n - 1));
    }

    interface ThrowingCall {
        Object run() throws Throwable;
    }

    static Object rethrow(ThrowingCall c) throws Exception {
        try {
            return c.run();
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    @Test
    void call_recursiveWithDifferentAndSameKeys_completes() throws Throwable {
        recursiveEngines = engines;
        CallOptions o = CallOptions.builder().mode(Mode.DECLARED).build();
        assertThat(engines.call(CallEngineTest::factorial, o, 5)).isEqualTo(120);
        assertThat(engines.call(CallEngineTest::factorial, o, 6)).isEqualTo(720);
        assertThat(RUNS).hasValue(6);
        assertThat(engines.call(CallEngineTest::sameKeyAgain, o, "x")).isEqualTo("outer(inner)");
    }

    static String sameKeyAgain(String s) throws Exception {
        CallOptions o = CallOptions.builder().mode(Mode.DECLARED).build();
        if (RUNS.incrementAndGet() > 7) {
            return "inner";
        }
        return "outer(" + rethrow(() -> recursiveEngines.call(CallEngineTest::sameKeyAgain, o, s)) + ")";
    }
}
