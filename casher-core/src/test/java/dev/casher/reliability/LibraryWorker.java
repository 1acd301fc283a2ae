package dev.casher.reliability;

import dev.casher.CachedFunction3;
import dev.casher.CallOptions;
import dev.casher.Casher;
import dev.casher.CasherConfig;
import dev.casher.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A child JVM that makes cached library calls ({@link Casher#wrap}, {@link Mode#DECLARED}, one
 * declared input and one declared output per call) and checks each result itself. Speaks the
 * {@link WorkerLog} protocol on stdout.
 *
 * <p>Arguments: {@code cacheDir maxBytes workDir seed calls keys}. A negative seed calls the keys
 * in order ({@code i % keys}), else at random. Inputs are {@code workDir/in/(key % 4).txt} (the
 * parent writes them), outputs {@code workDir/out/key.bin}.
 */
public final class LibraryWorker {
    static final AtomicInteger RUNS = new AtomicInteger();
    static final CallOptions OPTIONS = CallOptions.builder().mode(Mode.DECLARED)
            .inputs(a -> List.of(Path.of((String) a[2])))
            .outputs(a -> List.of(Path.of((String) a[1])))
            .build();

    private LibraryWorker() {}

    public static void main(String[] args) throws Exception {
        Path cache = Path.of(args[0]);
        long maxBytes = Long.parseLong(args[1]);
        Path work = Path.of(args[2]);
        long seed = Long.parseLong(args[3]);
        int calls = Integer.parseInt(args[4]);
        int keys = Integer.parseInt(args[5]);
        Casher.configure(CasherConfig.builder().cacheDir(cache).maxCacheBytes(maxBytes).build());
        CachedFunction3<Integer, String, String, String> fn = Casher.wrap(LibraryWorker::compute,
                OPTIONS);
        Random rnd = new Random(seed);
        System.out.println(WorkerLog.READY);
        for (int i = 0; i < calls; i++) {
            int k = seed < 0 ? i % keys : rnd.nextInt(keys);
            Path in = input(work, k);
            Path out = work.resolve("out").resolve(k + ".bin");
            int before = RUNS.get();
            String outcome;
            String value;
            try {
                value = fn.apply(k, out.toString(), in.toString());
                outcome = RUNS.get() == before ? "HIT" : "MISS";
            } catch (RuntimeException e) {
                System.out.println();
                System.out.println(WorkerLog.callLine(k, "ERROR", e.toString().replace('\n', ' ')));
                continue;
            }
            System.out.println(WorkerLog.callLine(k, outcome, check(k, value, in, out)));
        }
        System.out.println(WorkerLog.END);
        System.exit(0);
    }

    /** The input file of {@code key}. */
    static Path input(Path work, int key) {
        return work.resolve("in").resolve((key % 4) + ".txt");
    }

    private static String check(int k, String value, Path in, Path out) throws IOException {
        String input = Files.readString(in);
        if (!Workload.value(k, input).equals(value)) {
            return "WRONG:value";
        }
        if (!Files.exists(out) || !Arrays.equals(Files.readAllBytes(out), Workload.fileContent(k,
                input))) {
            return "WRONG:file";
        }
        return "OK";
    }

    /** The cached body: reads its input, prints a line, writes its output atomically. */
    static String compute(Integer key, String outFile, String inFile) throws IOException {
        RUNS.incrementAndGet();
        long started = System.nanoTime();
        String input = Files.readString(Path.of(inFile));
        System.out.println(Workload.stdoutLine(key, input));
        Path out = Path.of(outFile);
        Files.createDirectories(out.getParent());
        // Atomic: other processes check this file while this one may be killed mid-write.
        Path tmp = out.resolveSibling(out.getFileName() + "." + ProcessHandle.current().pid()
                + ".part");
        Files.write(tmp, Workload.fileContent(key, input));
        Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        // One line per computation (one O_APPEND write: lines of processes do not mix); nanoTime
        // is CLOCK_MONOTONIC on Linux, comparable across processes.
        Files.writeString(out.getParent().resolveSibling("runs.log"), key + " " + started + " "
                + System.nanoTime()
                + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return Workload.value(key, input);
    }
}
