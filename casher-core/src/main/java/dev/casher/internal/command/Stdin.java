package dev.casher.internal.command;

import dev.casher.internal.util.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * What the command's standard input is: an interactive terminal (the run cannot be cached: what
 * the user will type is unknown), or content read in full before the command starts, which is
 * then part of the key and fed to the command from a spool file.
 */
public sealed interface Stdin {
    /** Where a process's fd 0 points. */
    Path FD0 = Path.of("/proc/self/fd/0");
    /** The null device: empty content, nothing to spool. */
    Path DEV_NULL = Path.of("/dev/null");

    /** stdin is a terminal. */
    record Terminal(String device) implements Stdin {}

    /**
     * stdin held these bytes; {@code file} holds them for the command ({@code /dev/null} when
     * empty), {@code spooled} whether it is a temporary file to delete after the run.
     */
    record Content(Path file, Digest digest, long size, boolean spooled) implements Stdin {
        /** Deletes the spool file, if any. */
        public void discard() {
            if (spooled) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a leftover spool file in the temp directory is harmless
                }
            }
        }
    }

    /** Empty input from {@code /dev/null}. */
    static Content empty() {
        return new Content(DEV_NULL, Digest.ofBytes(new byte[0]), 0, false);
    }

    /**
     * Classifies {@code in} and, unless it is a terminal, reads it to the end into a spool file
     * in {@code spoolDir}. {@code fdLink} is the {@code /proc} link of the file descriptor behind
     * {@code in} ({@link #FD0} for {@code System.in}), or {@code null} if there is none. Note that
     * a pipe nobody closes blocks here, as it would block a command reading it.
     */
    static Stdin capture(InputStream in, Path fdLink, Path spoolDir) throws IOException {
        String target = "";
        if (fdLink != null) {
            try {
                target = Files.readSymbolicLink(fdLink).toString();
            } catch (IOException | UnsupportedOperationException e) {
                target = "";
            }
        }
        if (target.startsWith("/dev/pts/") || target.startsWith("/dev/tty")
                || target.equals("/dev/console")) {
            return new Terminal(target);
        }
        if (target.equals(DEV_NULL.toString())) {
            return empty();
        }
        Files.createDirectories(spoolDir);
        Path spool = Files.createTempFile(spoolDir, "stdin-", ".spool");
        MessageDigest md = Digest.sha256();
        long size = 0;
        try (OutputStream out = Files.newOutputStream(spool)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) >= 0; ) {
                md.update(buf, 0, n);
                out.write(buf, 0, n);
                size += n;
            }
        } catch (IOException e) {
            Files.deleteIfExists(spool);
            throw e;
        }
        return new Content(spool, Digest.finish(md), size, true);
    }
}
