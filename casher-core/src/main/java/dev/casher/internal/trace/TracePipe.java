package dev.casher.internal.trace;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.Pipe;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * A pipe the tracer writes its trace into, read by this JVM as it is written. The tracer opens
 * the write end by its {@code /proc/PID/fd/N} path ({@link #sinkPath()}): a child started by
 * {@code ProcessBuilder} inherits no descriptor above 2, and Java names no descriptor's number,
 * so the number is found by comparing {@code /proc/self/fd} before and after the pipe is made.
 *
 * <p>Nothing goes to disk, so a full disk or a file-size limit ({@code ulimit -f}) cannot cut the
 * trace short. The JVM keeps the write end open until the tracer has exited ({@link
 * #closeSink()}), since the path names this process's descriptor. Not thread-safe beyond one
 * reader thread and one closing thread.
 */
public final class TracePipe implements Closeable {
    private static final Path FDS = Path.of("/proc/self/fd");

    private final Pipe pipe;
    private final Path sinkPath;

    private TracePipe(Pipe pipe, Path sinkPath) {
        this.pipe = pipe;
        this.sinkPath = sinkPath;
    }

    /** Opens a pipe; {@link IOException} if its write end cannot be named. */
    public static TracePipe open() throws IOException {
        Set<String> before = pipeFds();
        Pipe pipe = Pipe.open();
        String sink = null;
        int candidates = 0;
        for (String fd : pipeFds()) {
            if (!before.contains(fd) && isWriteEnd(fd)) {
                sink = fd;
                candidates++;
            }
        }
        if (candidates != 1) {
            pipe.sink().close();
            pipe.source().close();
            throw new IOException("cannot name the trace pipe's descriptor in " + FDS);
        }
        long pid = ProcessHandle.current().pid();
        return new TracePipe(pipe, Path.of("/proc/" + pid + "/fd/" + sink));
    }

    /** The path the tracer opens for writing. */
    public Path sinkPath() {
        return sinkPath;
    }

    /** The read end. */
    public Pipe.SourceChannel source() {
        return pipe.source();
    }

    /** Closes this JVM's write end: once the tracer's are closed too, the reader sees the end. */
    public void closeSink() throws IOException {
        pipe.sink().close();
    }

    @Override
    public void close() throws IOException {
        try {
            closeSink();
        } finally {
            pipe.source().close();
        }
    }

    private static Set<String> pipeFds() throws IOException {
        Set<String> fds = new HashSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(FDS)) {
            for (Path p : ds) {
                try {
                    if (Files.readSymbolicLink(p).toString().startsWith("pipe:")) {
                        fds.add(p.getFileName().toString());
                    }
                } catch (IOException e) {
                    // closed meanwhile (the directory stream's own descriptor, for one)
                }
            }
        }
        return fds;
    }

    /** {@code flags:} in {@code /proc/self/fdinfo/N} is octal; the access mode 1 is O_WRONLY. */
    private static boolean isWriteEnd(String fd) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd))) {
            if (line.startsWith("flags:")) {
                return (Integer.parseInt(line.substring(6).trim(), 8) & 3) == 1;
            }
        }
        return false;
    }
}
