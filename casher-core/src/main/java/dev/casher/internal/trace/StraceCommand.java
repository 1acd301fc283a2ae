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
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("command must not be empty");
        }
        if (!support.usable()) {
            throw new IllegalStateException("strace is not usable: " + support.problem());
        }
        return argv(support.strace(), support.seccompBpf() ? SeccompBpf.ON : SeccompBpf.OFF,
                command, traceFile);
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
