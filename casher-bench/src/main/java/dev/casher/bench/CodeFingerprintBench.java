package dev.casher.bench;

import dev.casher.internal.fingerprint.code.CodeFingerprint;
import dev.casher.internal.fingerprint.code.CodeFingerprinter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Cost of a cold code fingerprint (a new {@link CodeFingerprinter}, so no memo, no parsed class
 * and no class-hierarchy index survives between invocations) of a method reaching 10, 100 and
 * 500 application classes.
 *
 * <p>The generated application is a binary tree of classes {@code gen.C0..C(n-1)}: each
 * {@code Ci.f(int)} adds a constant, runs a lambda, calls its two children's {@code f}, and
 * calls {@code apply} on a new instance of itself through the interface {@code gen.Op}, which
 * all n classes implement (so every virtual call also consults the hierarchy index). Sources are
 * compiled with javac once per trial into a temp directory and loaded by a fresh
 * {@link URLClassLoader}, as in a test run from {@code target/classes}.
 *
 * <p>Run: {@code java -jar casher-bench/target/benchmarks.jar CodeFingerprint -f 1 -wi 2 -i 3};
 * add {@code -bm ss -wi 0 -i 1} for the first call in a fresh JVM (JDK class headers and JIT
 * cold too).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class CodeFingerprintBench {
    @Param({"10", "100", "500"})
    public int classes;

    private Path dir;
    private URLClassLoader loader;
    private Class<?> root;

    @Setup
    public void generate() throws Exception {
        compileAndLoad();
        validate(new CodeFingerprinter().fingerprint(root, "f", "(I)I"));
    }

    private void compileAndLoad() throws Exception {
        dir = Files.createTempDirectory("casher-codefp-bench");
        Path classesDir = Files.createDirectories(dir.resolve("classes"));
        compile(writeSources(dir.resolve("src"), classes), classesDir);
        loader = new URLClassLoader(new URL[] {classesDir.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        root = loader.loadClass("gen.C0");
    }

    private void validate(CodeFingerprint fp) {
        long reached = fp.methods().keySet().stream().filter(k -> k.endsWith(".<class>")).count();
        if (reached != classes + 1) { // + the interface
            throw new IllegalStateException("expected " + (classes + 1) + " classes, reached "
                    + reached);
        }
    }

    @TearDown
    public void delete() throws IOException {
        loader.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public CodeFingerprint coldFingerprint() {
        return new CodeFingerprinter().fingerprint(root, "f", "(I)I");
    }

    /**
     * A plain timed harness, for a quick look without JMH: prints, per size, the first cold
     * fingerprint (the first size's is also the first in this JVM: JIT and JDK class headers
     * cold) and the median and minimum of 20 later cold ones, as wall and thread CPU time.
     */
    public static void main(String[] args) throws Exception {
        for (int n : new int[] {10, 100, 500}) {
            CodeFingerprintBench bench = new CodeFingerprintBench();
            bench.classes = n;
            bench.compileAndLoad();
            java.lang.management.ThreadMXBean threads =
                    java.lang.management.ManagementFactory.getThreadMXBean();
            long firstCpu = threads.getCurrentThreadCpuTime();
            long firstWall = System.nanoTime();
            bench.validate(bench.coldFingerprint());
            firstWall = System.nanoTime() - firstWall;
            firstCpu = threads.getCurrentThreadCpuTime() - firstCpu;
            long[] times = new long[20];
            long[] cpu = new long[times.length];
            for (int i = 0; i < times.length; i++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                bench.coldFingerprint();
                times[i] = System.nanoTime() - t0;
                cpu[i] = threads.getCurrentThreadCpuTime() - c0;
            }
            java.util.Arrays.sort(times);
            java.util.Arrays.sort(cpu);
            // CPU time of this thread is less disturbed than wall time on a shared machine
            System.out.printf("classes=%d first: wall=%.1f cpu=%.1f ms; next %d cold:"
                    + " wall median=%.1f min=%.1f ms, cpu median=%.1f min=%.1f ms%n", n, firstWall / 1e6,
                    firstCpu / 1e6, times.length, times[times.length / 2] / 1e6, times[0] / 1e6,
                    cpu[cpu.length / 2] / 1e6, cpu[0] / 1e6);
            bench.delete();
        }
    }

    static List<Path> writeSources(Path src, int n) throws IOException {
        Path pkg = Files.createDirectories(src.resolve("gen"));
        List<Path> files = new ArrayList<>();
        files.add(Files.writeString(pkg.resolve("Op.java"),
                "package gen;\npublic interface Op {\n    int apply(int v);\n}\n"));
        for (int i = 0; i < n; i++) {
            StringBuilder calls = new StringBuilder();
            for (int child : new int[] {2 * i + 1, 2 * i + 2}) {
                if (child < n) {
                    calls.append("        y += C").append(child).append(".f(y);\n");
                }
            }
            String text = """
                    package gen;

                    import java.util.function.IntUnaryOperator;

                    public class C%1$d implements Op {
                        static final int K = %1$d;

                        public static int f(int x) {
                            int y = x + K;
                            IntUnaryOperator l = v -> v * 3 + K;
                            y += l.applyAsInt(y);
                    %2$s        Op op = new C%1$d();
                            return y + op.apply(y);
                        }

                        @Override
                        public int apply(int v) {
                            return v ^ K;
                        }
                    }
                    """.formatted(i, calls);
            files.add(Files.writeString(pkg.resolve("C" + i + ".java"), text));
        }
        return files;
    }

    static void compile(List<Path> sources, Path out) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("--release", "17", "-g", "-d", out.toString()));
        sources.forEach(p -> args.add(p.toString()));
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        if (javac.run(null, quiet, System.err, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("javac failed on the generated sources");
        }
    }
}
