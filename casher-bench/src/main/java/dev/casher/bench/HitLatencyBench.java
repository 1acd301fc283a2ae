package dev.casher.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.casher.CachedFunction1;
import dev.casher.CachedFunction2;
import dev.casher.CallOptions;
import dev.casher.Casher;
import dev.casher.CasherConfig;
import dev.casher.Mode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process hit latency (p50/p99 from JMH's sample mode) against its baselines in the same run:
 * the plain call, a Caffeine get (the floor of any in-memory cache), and reading one small file
 * plus decoding it (what a naive disk cache pays).
 *
 * <pre>
 * ./mvnw -q -pl casher-bench -am package -DskipTests
 * java -jar casher-bench/target/benchmarks.jar HitLatency -f 1 -wi 3 -i 5
 * </pre>
 */
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Benchmark)
public class HitLatencyBench {
    private CachedFunction1<Integer, String> small;
    private CachedFunction2<List<String>, Integer, Integer> threeInputs;
    private CachedFunction1<Integer, byte[]> oneMegabyte;
    private Cache<Integer, String> caffeine;
    private Path smallFile;
    private List<String> inputs;

    static String smallValue(Integer x) {
        return "value-" + x;
    }

    static Integer sumSizes(List<String> paths, Integer salt) throws IOException {
        int n = salt;
        for (String p : paths) {
            n += Files.readAllBytes(Path.of(p)).length;
        }
        return n;
    }

    static byte[] megabyte(Integer seed) {
        byte[] b = new byte[1 << 20];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * seed);
        }
        return b;
    }

    @Setup
    public void setUp() throws IOException {
        Path dir = Files.createTempDirectory("casher-bench");
        Casher.configure(CasherConfig.builder().cacheDir(dir.resolve("cache")).build());
        CallOptions declared = CallOptions.builder().mode(Mode.DECLARED).build();
        small = Casher.wrap(HitLatencyBench::smallValue, declared);
        inputs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path p = dir.resolve("input" + i + ".txt");
            Files.writeString(p, "input file " + i + "\n".repeat(100));
            inputs.add(p.toString());
        }
        // Declared inputs: three files whose content is checked (stat fast path) on every hit.
        @SuppressWarnings("unchecked")
        CallOptions withInputs = CallOptions.builder().mode(Mode.DECLARED)
                .inputs(a -> ((List<String>) a[0]).stream().map(Path::of).toList()).build();
        threeInputs = Casher.wrap(HitLatencyBench::sumSizes, withInputs);
        oneMegabyte = Casher.wrap(HitLatencyBench::megabyte, declared);
        caffeine = Caffeine.newBuilder().maximumSize(1000).build();
        caffeine.put(1, smallValue(1));
        smallFile = dir.resolve("value.bin");
        Files.writeString(smallFile, smallValue(1));
        // Warm the cache: the first call of each is a miss.
        small.apply(1);
        threeInputs.apply(inputs, 7);
        oneMegabyte.apply(3);
    }

    @Benchmark
    public String hitSmallValueNoInputs() {
        return small.apply(1);
    }

    @Benchmark
    public Integer hitThreeInputFiles() {
        return threeInputs.apply(inputs, 7);
    }

    @Benchmark
    public byte[] hitOneMegabyteValue() {
        return oneMegabyte.apply(3);
    }

    @Benchmark
    public String baselinePlainCall() {
        return smallValue(1);
    }

    @Benchmark
    public String baselineCaffeineGet() {
        return caffeine.getIfPresent(1);
    }

    @Benchmark
    public String baselineReadSmallFileAndDecode() throws IOException {
        return new String(Files.readAllBytes(smallFile), StandardCharsets.UTF_8);
    }
}
