package dev.casher.internal.command;

import dev.casher.internal.trace.StraceCommand;
import dev.casher.internal.trace.StraceSupport;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The argv that starts a command the way a shell's {@code exec} would: {@code /bin/sh -c
 * 'exec "$@"'}, so the command gets {@code execvp} semantics — a {@code PATH} search, a script
 * without {@code #!} run by {@code /bin/sh}, 126 for a directory or a file that is not
 * executable, 127 for one that is not found. Java's process API execs the program itself and
 * knows none of that. Stateless.
 */
final class Exec {
    /** The shell every command is started through. */
    static final String SH = "/bin/sh";
    private static final String EXEC = "exec \"$@\"";
    /**
     * Outer shim (strace's parent): the command's stderr moves to fd 3 and fd 2 becomes the trace
     * pipe, so strace's own messages go into the trace, never into the command's stderr.
     */
    private static final String TRACER = "exec 3>&2 2>\"$0\" || exit 125; " + EXEC;
    /** Inner shim (the traced root): the command's stderr back on fd 2, fd 3 closed. */
    private static final String TRACEE = "exec 2>&3 3>&-; " + EXEC;

    private Exec() {}

    /** Whether the shell is there (it is on every Linux this runs on; else argv is run as is). */
    static boolean available() {
        File sh = new File(SH);
        return sh.isFile() && sh.canExecute();
    }

    /** {@code command} run as a shell's {@code exec} would. */
    static List<String> plain(List<String> command) {
        return available() ? shim(EXEC, "sh", command) : command;
    }

    /**
     * {@code command} under strace, the trace (and strace's own stderr) written to {@code sink};
     * the command itself keeps the process's stderr.
     */
    static List<String> traced(StraceSupport support, List<String> command, Path sink) {
        List<String> strace = StraceCommand.streaming(support, shim(TRACEE, "sh", command), sink);
        return shim(TRACER, sink.toString(), strace);
    }

    private static List<String> shim(String script, String arg0, List<String> command) {
        List<String> argv = new ArrayList<>(command.size() + 4);
        argv.add(SH);
        argv.add("-c");
        argv.add(script);
        argv.add(arg0);
        argv.addAll(command);
        return argv;
    }
}
