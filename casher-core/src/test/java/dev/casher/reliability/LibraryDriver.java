package dev.casher.reliability;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Runs {@link LibraryWorker} in a child JVM on this test class path. Thread-safe (stateless). */
final class LibraryDriver implements ProcessDriver {
    @Override
    public String name() {
        return "library";
    }

    @Override
    public Process start(Plan p, Path stdout, Path stderr) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Small heap and C1 only: many short-lived children share 2 cores.
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                LibraryWorker.class.getName(), p.cacheDir().toString(), Long.toString(p.maxBytes()),
                p.workDir().toString(), Long.toString(p.seed()), Integer.toString(p.calls()),
                Integer.toString(p.keys())));
        pb.redirectOutput(stdout.toFile());
        pb.redirectError(stderr.toFile());
        return pb.start();
    }
}
