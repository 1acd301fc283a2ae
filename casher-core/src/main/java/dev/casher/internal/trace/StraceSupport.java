package dev.casher.internal.trace;

import dev.casher.internal.record.EventKind;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether strace can trace commands on this machine, found by actually doing it.
 *
 * <p>{@link #detect()} finds {@code strace} on {@code PATH}, reads its version, and traces
 * {@code true} with exactly the options of {@link StraceCommand}: first with
 * {@code --seccomp-bpf}, then without it. Containers often forbid ptrace, and old strace lacks
 * options, so only a real run that {@link StraceParser} reads back (an {@code EXEC} event, no
 * uncacheable reason) counts as usable.
 *
 * @param strace        the strace binary, or {@code null} if none was found
 * @param version       its version ({@code "6.1"}), or {@code null} if unknown
 * @param seccompBpf    whether {@code --seccomp-bpf} works (traces are then much cheaper)
 * @param ptraceAllowed whether tracing a child process is permitted
 * @param problem       {@code null} when usable; else one line saying why not and how to fix it
 */
public record StraceSupport(Path strace, String version, boolean seccompBpf,
        boolean ptraceAllowed, String problem) {

    private static final long PROBE_TIMEOUT_SECONDS = 20;
    private static final Pattern VERSION = Pattern.compile("version\\s+(\\S+)");

    public StraceSupport {
        if (problem == null && (strace == null || !ptraceAllowed)) {
            throw new IllegalArgumentException("a usable strace needs a binary and ptrace");
        }
        if (problem != null && (problem.isBlank() || problem.contains("\n"))) {
            throw new IllegalArgumentException("problem must be one non-blank line: " + problem);
        }
    }

    /**
     * The support on this machine, probed once per JVM (about 10-50 ms, two short strace runs)
     * and memoised. Thread-safe; never throws.
     */
    public static StraceSupport detect() {
        return Detected.VALUE;
    }

    /** Probes a given strace binary now, without memoising. Never throws. */
    public static StraceSupport probe(Path strace) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return new StraceSupport(strace, null, false, false,
                    "strace tracing needs Linux; declare inputs explicitly on this OS");
        }
        if (strace == null || !Files.isExecutable(strace)) {
            return new StraceSupport(null, null, false, false,
                    "strace not found on PATH: install it (apt-get install strace, "
                    + "dnf install strace) or declare inputs explicitly");
        }
        String version = version(strace);
        Run bpf = traceTrue(strace, StraceCommand.SeccompBpf.ON);
        if (bpf.ok()) {
            return new StraceSupport(strace, version, true, true, null);
        }
        Run plain = traceTrue(strace, StraceCommand.SeccompBpf.OFF);
        if (plain.ok()) {
            return new StraceSupport(strace, version, false, true, null);
        }
        String err = plain.error;
        boolean denied = err.contains("Operation not permitted") || err.contains("EPERM")
                || err.toLowerCase(Locale.ROOT).contains("ptrace");
        if (denied) {
            return new StraceSupport(strace, version, false, false, "ptrace is not permitted ("
                    + err + "); in a container run with --cap-add=SYS_PTRACE or a seccomp "
                    + "profile allowing ptrace, and check /proc/sys/kernel/yama/ptrace_scope");
        }
        return new StraceSupport(strace, version, false, true, "strace " + version
                + " cannot trace with the options casher needs (" + err + "); strace 6.x is "
                + "known to work");
    }

    /** Whether commands can be traced: a binary, ptrace allowed, and no problem. */
    public boolean usable() {
        return problem == null;
    }

    /** The first executable {@code strace} on {@code PATH}, or {@code null}. */
    static Path findOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "strace");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static String version(Path strace) {
        Run run = run(List.of(strace.toString(), "-V"), null);
        Matcher m = VERSION.matcher(run.output);
        return m.find() ? m.group(1) : null;
    }

    private static Run traceTrue(Path strace, StraceCommand.SeccompBpf bpf) {
        Path trace = null;
        try {
            trace = Files.createTempFile("casher-strace-probe", ".trace");
            Path cwd = Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
            List<String> argv = StraceCommand.argv(strace, bpf, List.of("true"), trace);
            Run run = run(argv, cwd);
            if (!run.ok()) {
                return run;
            }
            if (bpf == StraceCommand.SeccompBpf.ON && run.output.contains("seccomp")) {
                return new Run(false, run.output, "seccomp-bpf unavailable");
            }
            TraceResult result = StraceParser.parse(trace, cwd);
            boolean sawExec = result.events().stream().anyMatch(e -> e.kind() == EventKind.EXEC);
            if (!result.cacheable() || !sawExec) {
                return new Run(false, run.output, "trace not understood: "
                        + (result.cacheable() ? "no execve seen" : result.uncacheableReasons()
                        .get(0)));
            }
            return run;
        } catch (IOException e) {
            return new Run(false, "", "probe failed: " + e.getMessage());
        } finally {
            if (trace != null) {
                try {
                    Files.deleteIfExists(trace);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }

    /** Outcome of one probe process: exit status 0, its merged output, a one-line error. */
    private record Run(boolean ok, String output, String error) {
    }

    private static Run run(List<String> argv, Path cwd) {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(argv)).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        try {
            Process p = pb.start();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readNBytes(64 * 1024);
            }
            if (!p.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Run(false, "", "strace did not finish in " + PROBE_TIMEOUT_SECONDS
                        + " s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            String firstLine = text.strip().lines().findFirst().orElse("exit status "
                    + p.exitValue());
            return new Run(p.exitValue() == 0, text, firstLine);
        } catch (IOException e) {
            return new Run(false, "", "cannot run strace: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(false, "", "interrupted while probing strace");
        }
    }

    /** Lazy holder: the probe runs on first use only, once. */
    private static final class Detected {
        static final StraceSupport VALUE = probe(findOnPath());
    }
}
