package dev.casher.cli;

import dev.casher.internal.util.Warmup;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Entry point of {@code casher} / {@code acache}. {@link #run} returns the exit code and is what
 * tests call; {@link #main} exits with it.
 *
 * <p>Start-up matters (a hit should cost little more than a JVM start), so the run form
 * {@code casher [OPTIONS] -- COMMAND} is recognised and parsed here by hand and never touches
 * picocli; subcommands, help and completion go to {@link Cli}.
 */
public final class Main {
    private Main() {}

    /** Runs casher with the process's streams and exits with the resulting code. */
    public static void main(String[] args) {
        // Unbuffered views of fds 1 and 2: the command's bytes pass through as they come.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
        int code = run(System.in, out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs casher with stdin from {@code /dev/null}; returns the exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        try (InputStream none = InputStream.nullInputStream()) {
            return run(none, out, err, args);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs casher; returns the exit code (a cached command's own status on the run form). */
    public static int run(InputStream stdin, PrintStream out, PrintStream err, String... args) {
        try {
            if (args.length > 0 && RunArgs.startsRunForm(args[0])) {
                Warmup.start();
                RunArgs parsed = RunArgs.parse(args, Path.of("").toAbsolutePath());
                return RunCommand.run(parsed, stdin, out, err);
            }
            return Cli.run(out, err, args);
        } catch (RuntimeException e) {
            return ExitCodes.report(e, err);
        }
    }
}
