package dev.casher.cli;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Drives the built CLI like a user: a real {@code java -jar casher.jar} (or the {@code ./casher}
 * launcher) process in a work directory, with its own cache directory, stdin from
 * {@code /dev/null} or given bytes, stdout and stderr captured to files.
 */
final class CasherProcess {
    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path JAR = MODULE.resolve("target/casher.jar");
    static final Path LAUNCHER = MODULE.getParent().resolve("casher");
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private final Path work;
    private final Path cache;
    private final Path logs;
    private int seq;

    CasherProcess(Path work, Path cache, Path logs) {
        this.work = work;
        this.cache = cache;
        this.logs = logs;
    }

    /**
     * The usual end-to-end set-up: skips the test where strace is missing, then a CLI working in
     * {@code tmp/work} with the cache {@code tmp/cache} and its captured streams in {@code tmp/logs}.
     */
    static CasherProcess inTemp(Path tmp) throws IOException {
        Assumptions.assumeTrue(onPath("strace"), "strace is not installed");
        return new CasherProcess(Files.createDirectories(tmp.resolve("work")), tmp.resolve("cache"),
                Files.createDirectories(tmp.resolve("logs")));
    }

    /** The working directory the command runs in. */
    Path work() {
        return work;
    }

    /** What one invocation left. */
    record Result(int exit, byte[] out, String err) {
        String stdout() {
            return new String(out, StandardCharsets.UTF_8);
        }

        /** stderr without casher's own lines: what the command wrote. */
        String commandErr() {
            StringBuilder sb = new StringBuilder();
            for (String line : err.split("(?<=\n)")) {
                if (!line.startsWith("casher: ")) {
                    sb.append(line);
                }
            }
            return sb.toString();
        }

        /** casher's own line(s). */
        String casherLine() {
            StringBuilder sb = new StringBuilder();
            for (String line : err.split("\n")) {
                if (line.startsWith("casher: ")) {
                    sb.append(line).append('\n');
                }
            }
            return sb.toString();
        }
    }

    Result run(String... args) throws IOException, InterruptedException {
        return await(start(Map.of(), null, args));
    }

    Result runWith(Map<String, String> env, byte[] stdin, String... args)
            throws IOException, InterruptedException {
        return await(start(env, stdin, args));
    }

    /** A started invocation, to run several at once. */
    record Started(Process process, Path out, Path err) {}

    Started start(Map<String, String> env, byte[] stdin, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(JAVA, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        return startRaw(cmd, env, stdin);
    }

    Started startRaw(List<String> cmd, Map<String, String> env, byte[] stdin) throws IOException {
        int n;
        synchronized (this) {
            n = ++seq;
        }
        Path out = logs.resolve("out-" + n);
        Path err = logs.resolve("err-" + n);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("CASHER_"));
        pb.environment().put("CASHER_CACHE_DIR", cache.toString());
        pb.environment().putAll(env);
        pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                : ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        if (stdin != null) {
            try (OutputStream o = p.getOutputStream()) {
                o.write(stdin);
            }
        }
        return new Started(p, out, err);
    }

    Result await(Started s) throws IOException, InterruptedException {
        int exit = s.process().waitFor();
        return new Result(exit, Files.readAllBytes(s.out()), Files.readString(s.err()));
    }

    /** One counter of {@code casher stats --json} (0 if absent). */
    long stat(String name) throws IOException, InterruptedException {
        String json = run("stats", "--json").stdout();
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":(\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
