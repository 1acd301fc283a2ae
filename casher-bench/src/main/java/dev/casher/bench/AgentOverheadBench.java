package dev.casher.bench;

import dev.casher.agent.CasherAgent;
import dev.casher.internal.lookup.FileDigester;
import dev.casher.internal.lookup.InputStates;
import dev.casher.internal.lookup.StatCache;
import dev.casher.internal.record.CallContext;
import dev.casher.internal.record.Recording;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the casher agent. {@code agent}: {@code none} (never installed in this fork),
 * {@code off} (installed, no recording open: the hooks' fast path), {@code recording} (a
 * recording is open on the measuring thread). Run:
 * {@code java -jar casher-bench/target/benchmarks.jar AgentOverheadBench}.
 */
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AgentOverheadBench {

    /** One hooked call: {@code File.exists} on an existing file. */
    @State(Scope.Thread)
    public static class Exists {
        @Param({"none", "off", "recording"})
        public String agent;
        File file;
        Recording recording;
        CallContext previous;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            file = Files.createTempFile("casher-bench", ".txt").toFile();
            if (!agent.equals("none")) {
                CasherAgent.install();
            }
            if (agent.equals("recording")) {
                recording = new Recording(new InputStates(new FileDigester(StatCache.NONE)), 0);
                previous = CallContext.enter(recording);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (recording != null) {
                CallContext.exit(previous);
            }
            file.delete();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public boolean fileExists(Exists s) {
        return s.file.exists();
    }

    /** 10,000 small files read with {@code Files.readAllBytes}, each op in a new recording. */
    @State(Scope.Benchmark)
    public static class TenThousand {
        @Param({"none", "recording"})
        public String agent;
        Path dir;
        List<Path> files = new ArrayList<>();

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            dir = Files.createTempDirectory("casher-bench");
            for (int i = 0; i < 10_000; i++) {
                files.add(Files.writeString(dir.resolve("f" + i), "content " + i));
            }
            if (agent.equals("recording")) {
                CasherAgent.install();
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 2)
    public long read10k(TenThousand s) throws IOException {
        CallContext previous = null;
        Recording rec = null;
        if (s.agent.equals("recording")) {
            rec = new Recording(new InputStates(new FileDigester(StatCache.NONE)), 0);
            previous = CallContext.enter(rec);
        }
        long n = 0;
        try {
            for (Path f : s.files) {
                n += Files.readAllBytes(f).length;
            }
        } finally {
            if (rec != null) {
                CallContext.exit(previous);
            }
        }
        return n;
    }

    /** Self-attach and install in a fresh JVM (one shot per fork). */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Fork(3)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public boolean install() {
        CasherAgent.install();
        return CasherAgent.installed();
    }
}
