package dev.casher.internal.command;

import dev.casher.internal.record.Recording;
import dev.casher.internal.record.StreamTag;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
     * Runs {@code argv} in {@code cwd} as a shell's {@code exec} would ({@link Exec}), with
     * {@code stdin} as its input ({@code null}: inherited); {@code recording} may be {@code null}
     * (a plain run). Throws {@link IOException} if the process cannot be started.
     */
    public static Result run(List<String> argv, Path cwd, Path stdin, OutputStream out,
            OutputStream err, Recording recording) throws IOException {
        SignalRelay relay = SignalRelay.install();
        try {
            Running r = start(Exec.plain(argv), cwd, stdin, out, err, recording);
            int status = r.awaitExit();
            r.awaitStreams();
            return new Result(status, r.elapsedNanos());
        } finally {
            relay.close();
        }
    }

    /** Runs {@code argv} with every stream inherited (an uncached interactive run). */
    public static Result runInherited(List<String> argv, Path cwd) throws IOException {
        long start = System.nanoTime();
        SignalRelay relay = SignalRelay.install();
        try {
            Process p = new ProcessBuilder(Exec.plain(argv)).directory(cwd.toFile()).inheritIO()
                    .start();
            return new Result(waitFor(p, argv), System.nanoTime() - start);
        } finally {
            relay.close();
        }
    }

    private static int waitFor(Process p, List<String> argv) throws IOException {
        try {
            return p.waitFor();
        } catch (InterruptedException ex) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + argv.get(0) + " ran", ex);
        }
    }

    /**
     * Runs {@code argv} uncached with stdout and stderr inherited and stdin fed from {@code in}
     * to its end or until the command stops reading (a closed pipe ends the feeding, as it would
     * end a writer in a shell pipeline).
     */
    public static Result runFed(List<String> argv, Path cwd, InputStream in) throws IOException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(Exec.plain(argv)).directory(cwd.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Thread feeder = new Thread(() -> {
            try (OutputStream o = p.getOutputStream()) {
                in.transferTo(o);
            } catch (IOException ignored) {
                // the command closed its stdin or exited: it reads no more
            }
        }, "casher-stdin");
        feeder.setDaemon(true);
        feeder.start();
        try {
            return new Result(p.waitFor(), System.nanoTime() - start);
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + argv.get(0) + " ran", e);
        }
    }

    /** Starts {@code argv} exactly as given, its stdout and stderr pumped to the targets. */
    static Running start(List<String> argv, Path cwd, Path stdin, OutputStream out,
            OutputStream err, Recording recording) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(argv)).directory(cwd.toFile())
                .redirectInput(stdin == null ? ProcessBuilder.Redirect.INHERIT
                        : ProcessBuilder.Redirect.from(stdin.toFile()));
        long start = System.nanoTime();
        Process p = pb.start();
        Object lock = new Object();
        Pump o = new Pump(p.getInputStream(), out, StreamTag.STDOUT, recording, lock);
        Pump e = new Pump(p.getErrorStream(), err, StreamTag.STDERR, recording, lock);
        return new Running(p, o, e, start, argv.get(0));
    }

    /** A started process and the two threads pumping its output. */
    static final class Running {
        final Process process;
        private final Pump out;
        private final Pump err;
        private final long startNanos;
        private final String name;

        Running(Process process, Pump out, Pump err, long startNanos, String name) {
            this.process = process;
            this.out = out;
            this.err = err;
            this.startNanos = startNanos;
            this.name = name;
        }

        int awaitExit() throws IOException {
            try {
                return process.waitFor();
            } catch (InterruptedException ex) {
                process.destroy();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while " + name + " ran", ex);
            }
        }

        /** Waits until both pumps saw the end of their pipe. */
        void awaitStreams() throws IOException {
            try {
                out.thread.join();
                err.thread.join();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while " + name + " ran", ex);
            }
        }

        /**
         * Waits until both pumps ended or have been idle for {@code quietMillis}: what a process
         * that has exited wrote is then read, even if a process it left behind holds the pipes.
         */
        void awaitQuiet(long quietMillis) throws InterruptedException {
            long limit = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < limit) {
                long now = System.nanoTime();
                boolean quiet = out.quietSince(now, quietMillis) && err.quietSince(now, quietMillis);
                if (quiet) {
                    return;
                }
                Thread.sleep(5);
            }
        }

        long elapsedNanos() {
            return System.nanoTime() - startNanos;
        }
    }

    /** Copies one pipe to its target and into the recording, on its own daemon thread. */
    private static final class Pump implements Runnable {
        private final InputStream in;
        private final OutputStream target;
        private final StreamTag tag;
        private final Recording recording;
        private final Object lock;
        final Thread thread;
        private volatile long lastActivity = System.nanoTime();

        Pump(InputStream in, OutputStream target, StreamTag tag, Recording recording, Object lock) {
            this.in = in;
            this.target = target;
            this.tag = tag;
            this.recording = recording;
            this.lock = lock;
            this.thread = new Thread(this, "casher-" + tag.name().toLowerCase(java.util.Locale.ROOT));
            thread.setDaemon(true);
            thread.start();
        }

        boolean quietSince(long now, long millis) {
            return !thread.isAlive() || now - lastActivity > millis * 1_000_000L;
        }

        @Override
        public void run() {
            byte[] buf = new byte[BUFFER];
            boolean targetOk = true;
            try (in) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    lastActivity = System.nanoTime();
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
                    lastActivity = System.nanoTime();
                }
            } catch (IOException ignored) {
                // the pipe closed under us: the process is gone
            }
        }
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
     * Why {@code name}, which {@link #resolveExecutable} did not find, cannot run although a file
     * of that name exists ({@code "./d: Is a directory"}, {@code "x: Permission denied"}), or
     * {@code null} if there is no such file (then it is not found, 127).
     */
    public static String unrunnable(String name, String path, Path cwd) {
        if (name.contains("/")) {
            File f = cwd.resolve(name).toFile();
            return !f.exists() ? null
                    : name + (f.isDirectory() ? ": Is a directory" : ": Permission denied");
        }
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator, -1)) {
            File f = cwd.resolve(dir.isEmpty() ? "." : dir).resolve(name).toFile();
            if (f.isFile()) {
                return name + ": Permission denied";
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
