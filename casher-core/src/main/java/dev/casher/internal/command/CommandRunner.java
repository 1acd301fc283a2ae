package dev.casher.internal.command;

import dev.casher.internal.record.Recording;
import dev.casher.internal.record.StreamTag;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one process with stdin from a file and stdout/stderr as pipes, forwarding both live to
 * the caller's streams while capturing them, in order, into a {@link Recording}.
 *
 * <p>Each pipe is pumped on its own thread into one lock, so the relative order of the two
 * streams is kept as well as the pipes allow (writes the command makes to both streams within
 * one scheduling slice may be seen in either order). Stateless and thread-safe.
 */
public final class CommandRunner {
    private static final int BUFFER = 1 << 16;

    private CommandRunner() {}

    /** A finished process: its exit status (128+N if killed by signal N) and run time. */
    public record Result(int exitStatus, long durationNanos) {}

    /**
     * Runs {@code argv} in {@code cwd} with {@code stdin} as its input ({@code null}: inherited);
     * {@code recording} may be {@code null} (a plain run).
     * Throws {@link IOException} if the process cannot be started.
     */
    public static Result run(List<String> argv, Path cwd, Path stdin, OutputStream out,
            OutputStream err, Recording recording) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(argv)).directory(cwd.toFile())
                .redirectInput(stdin == null ? ProcessBuilder.Redirect.INHERIT
                        : ProcessBuilder.Redirect.from(stdin.toFile()));
        long start = System.nanoTime();
        Process p = pb.start();
        Object lock = new Object();
        Thread o = pump(p.getInputStream(), out, StreamTag.STDOUT, recording, lock);
        Thread e = pump(p.getErrorStream(), err, StreamTag.STDERR, recording, lock);
        int status;
        try {
            status = p.waitFor();
            o.join();
            e.join();
        } catch (InterruptedException ex) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + argv.get(0) + " ran", ex);
        }
        return new Result(status, System.nanoTime() - start);
    }

    /** Runs {@code argv} with every stream inherited (an uncached interactive run). */
    public static Result runInherited(List<String> argv, Path cwd) throws IOException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(new ArrayList<>(argv)).directory(cwd.toFile()).inheritIO()
                .start();
        try {
            return new Result(p.waitFor(), System.nanoTime() - start);
        } catch (InterruptedException ex) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + argv.get(0) + " ran", ex);
        }
    }

    private static Thread pump(InputStream in, OutputStream target, StreamTag tag,
            Recording recording, Object lock) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[BUFFER];
            boolean targetOk = true;
            try (in) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    synchronized (lock) {
                        if (recording != null) {
                            recording.output(tag, buf, 0, n);
                        }
                        if (targetOk) {
                            try {
                                target.write(buf, 0, n);
                                target.flush();
                            } catch (IOException ex) {
                                // The reader went away (`| head`): keep draining so the
                                // command is not blocked, and keep capturing.
                                targetOk = false;
                            }
                        }
                    }
                }
            } catch (IOException ignored) {
                // the pipe closed under us: the process is gone
            }
        }, "casher-" + tag.name().toLowerCase(java.util.Locale.ROOT));
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * The executable {@code name} runs as: itself if it contains a slash, else the first
     * executable regular file of that name on {@code path}; {@code null} if there is none.
     */
    public static Path resolveExecutable(String name, String path, Path cwd) {
        if (name.contains("/")) {
            Path p = cwd.resolve(name);
            return isExecutableFile(p) ? p : null;
        }
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator, -1)) {
            Path p = cwd.resolve(dir.isEmpty() ? "." : dir).resolve(name);
            if (isExecutableFile(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * java.io rather than NIO: most {@code PATH} entries lack the command, and NIO reports each
     * miss by exception, which a command-line hit pays for in a cold JVM.
     */
    private static boolean isExecutableFile(Path p) {
        File f = p.toFile();
        return f.isFile() && f.canExecute();
    }
}
