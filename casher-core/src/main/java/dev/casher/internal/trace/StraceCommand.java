package dev.casher.internal.trace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds the argv that runs a command under strace so that {@link StraceParser} can read the
 * trace exactly.
 *
 * <p>The options are the measured ones (notes/performance-measurements.md §3): {@code -f} follows
 * every child; {@code --seccomp-bpf} stops only on traced calls (28× cheaper on syscall-heavy
 * work); {@code -qq -e signal=none} drops exit and signal notices; {@code -y} annotates fds with
 * their paths; {@code -xx} hex-encodes every string so quotes, commas, {@code <>} and newlines in
 * names cannot be confused with syntax; {@code -X raw} prints flags as numbers; {@code -s 4096}
 * keeps argv strings readable (paths are never truncated). The trace set is files, processes,
 * directory listings and {@code fchdir}; {@code %desc} is deliberately absent (it doubles the
 * cost).
 *
 * <p>strace exits with the command's exit status and re-raises a fatal signal, so the caller can
 * treat the wrapped process like the command itself. Stateless and thread-safe.
 */
public final class StraceCommand {

    /** The {@code -e trace=} set the parser is written for. */
    public static final String TRACE_SET = "%file,%process,getdents64,getdents,fchdir";

    private StraceCommand() {
    }

    /**
     * The argv running {@code command} under strace, writing the trace to {@code traceFile}.
     *
     * @throws IllegalStateException if {@code support} is not {@link StraceSupport#usable()};
     *                               the message is its problem
     */
    public static List<String> wrap(StraceSupport support, List<String> command, Path traceFile) {
        Objects.requireNonNull(support, "support");
        Objects.requireNonNull(traceFile, "traceFile");
        if (!traceFile.isAbsolute()) {
            // strace treats "-o |cmd" and "-o !cmd" as pipes: only an absolute path is a file
            throw new IllegalArgumentException("trace file must be absolute: " + traceFile);
        }
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("command must not be empty");
        }
        if (!support.usable()) {
            throw new IllegalStateException("strace is not usable: " + support.problem());
        }
        return argv(support.strace(), support.seccompBpf() ? SeccompBpf.ON : SeccompBpf.OFF,
                command, traceFile);
    }

    /**
     * The argv running {@code command} under strace with exit notices ({@code -q}, not
     * {@code -qq}), writing the trace to {@code sink}, typically a pipe's {@code /proc/PID/fd/N}
     * path: nothing on disk, so neither a full disk nor {@code ulimit -f} can cut it short, and
     * the parser can tell a whole trace (every task's exit notice) from one cut short.
     */
    public static List<String> streaming(StraceSupport support, List<String> command, Path sink) {
        List<String> argv = new ArrayList<>(wrap(support, command, sink));
        argv.set(argv.indexOf("-qq"), "-q");
        return List.copyOf(argv);
    }

    /** Whether to ask strace to filter with seccomp-bpf. */
    enum SeccompBpf { ON, OFF }

    static List<String> argv(Path strace, SeccompBpf bpf, List<String> command, Path traceFile) {
        List<String> argv = new ArrayList<>(command.size() + 24);
        argv.add(strace.toString());
        argv.add("-f");
        if (bpf == SeccompBpf.ON) {
            argv.add("--seccomp-bpf");
        }
        argv.addAll(List.of("-qq", "-e", "signal=none", "-y", "-xx", "-X", "raw", "-s", "4096",
                "-e", "trace=" + TRACE_SET, "-o", traceFile.toString(), "--"));
        for (String arg : command) {
            argv.add(Objects.requireNonNull(arg, "command argument"));
        }
        return List.copyOf(argv);
    }
}
