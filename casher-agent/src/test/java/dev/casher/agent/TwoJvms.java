package dev.casher.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link StaleMain} in a fresh JVM with the casher agent, a given working directory and
 * cache directory: each call of {@link #run} is one "next JVM" a user would start.
 */
final class TwoJvms {
    private TwoJvms() {}

    /** What a child printed: its {@code RESULT} lines and how often the function body ran. */
    record Run(int exit, String out, String err) {
        List<String> results() {
            return out.lines().filter(l -> l.startsWith("RESULT ")).map(l -> l.substring(7)).toList();
        }

        int runs() {
            return out.lines().filter(l -> l.startsWith("RUNS ")).mapToInt(l -> Integer.parseInt(l.substring(5)))
                    .findFirst().orElseThrow();
        }
    }

    /** Runs {@code StaleMain args} in {@code cwd} with the test class path. */
    static Run run(Path cwd, Path cache, String... args) throws Exception {
        return run(cwd, cache, List.of(), args);
    }

    /** As {@link #run(Path, Path, String...)} with {@code cpFirst} entries before the class path. */
    static Run run(Path cwd, Path cache, List<Path> cpFirst, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-javaagent:" + System.getProperty("casher.test.agentJar"));
        cmd.add("-Dcasher.cache-dir=" + cache);
        cmd.add("-Xshare:auto");
        cmd.add("-cp");
        StringBuilder cp = new StringBuilder();
        for (Path p : cpFirst) {
            cp.append(p).append(File.pathSeparator);
        }
        cp.append(System.getProperty("java.class.path"));
        cmd.add(cp.toString());
        cmd.add(StaleMain.class.getName());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("stale", ".out");
        Path err = Files.createTempFile("stale", ".err");
        try {
            Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("child finished").isTrue();
            Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            return r;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
