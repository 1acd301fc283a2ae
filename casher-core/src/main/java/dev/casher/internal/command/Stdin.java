package dev.casher.internal.command;

import dev.casher.internal.util.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * What the command's standard input is: content read in full before the command starts, which is
 * then part of the key and fed to the command from a spool file; or an interactive terminal,
 * passed through to the command and keyed only as "a terminal" (a command that reads what the
 * user types there is replayed without asking: use {@code --refresh} or {@code --no-store} for
 * those); or a pipe that stays open with nothing to read, which makes the run uncached rather than
 * leaving casher waiting for an end that may never come.
 */
public sealed interface Stdin {
    /** Where a process's fd 0 points. */
    Path FD0 = Path.of("/proc/self/fd/0");
    /** The null device: empty content, nothing to spool. */
    Path DEV_NULL = Path.of("/dev/null");

    /** stdin is a terminal. */
    record Terminal(String device) implements Stdin {}

    /** stdin is a pipe that stayed open and silent: the command gets it as it is, uncached. */
    record Idle() implements Stdin {}

    /**
     * stdin could not be spooled (the cache's disk is full, for one): {@code rest} yields every
     * byte of it, from the first, and the command runs uncached fed from it; {@code why} says
     * what failed.
     */
    record Unspooled(InputStream rest, String why) implements Stdin {}

    /** How long a silent, open pipe is waited on before the run goes uncached. */
    long IDLE_PIPE_MILLIS = 2000;

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

    /** A terminal passed through to the command: {@code file} is null (inherited), size -1. */
    static Content terminal(Terminal t) {
        return new Content(null, Digest.ofString("terminal"), -1, false);
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
        if (fdLink != null && target.startsWith("pipe:") && silentFor(in, IDLE_PIPE_MILLIS)) {
            return new Idle();
        }
        byte[] buf = new byte[1 << 16];
        // The first buffer decides the hasher: piped input that fits in it (the usual case)
        // skips the JDK provider's start-up; larger input gets the JDK's faster hashing.
        int first = in.readNBytes(buf, 0, buf.length);
        Path spool;
        try {
            Files.createDirectories(spoolDir);
            spool = Files.createTempFile(spoolDir, "stdin-", ".spool");
        } catch (IOException e) {
            return unspooled(null, 0, buf, first, in, e);
        }
        MessageDigest md = first < buf.length ? Digest.lightSha256() : Digest.sha256();
        long size = 0;
        int n = first;
        try (OutputStream out = Files.newOutputStream(spool)) {
            while (n >= 0) {
                md.update(buf, 0, n);
                try {
                    out.write(buf, 0, n);
                } catch (IOException e) {
                    // the spool holds size bytes for sure; buf[0, n) was read, not (all) written
                    return unspooled(spool, size, buf, n, in, e);
                }
                size += n;
                n = in.read(buf);
            }
        } catch (IOException e) {
            Files.deleteIfExists(spool);
            throw e;
        }
        return new Content(spool, Digest.finish(md), size, true);
    }

    /**
     * stdin as far as it was read, {@code spool}'s first {@code spooled} bytes then
     * {@code buf[0, n)}, followed by the rest of {@code in}: nothing read is lost, memory stays
     * one buffer. The spool file is unlinked at once (the open stream keeps its data).
     */
    private static Unspooled unspooled(Path spool, long spooled, byte[] buf, int n, InputStream in,
            IOException cause) throws IOException {
        byte[] pending = java.util.Arrays.copyOf(buf, Math.max(n, 0));
        InputStream head = InputStream.nullInputStream();
        if (spool != null) {
            // cut what a failed write may have added, open, unlink: the open stream keeps the data
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(spool,
                    java.nio.file.StandardOpenOption.WRITE)) {
                ch.truncate(spooled);
            }
            head = Files.newInputStream(spool);
            Files.deleteIfExists(spool);
        }
        InputStream rest = new java.io.SequenceInputStream(java.util.Collections.enumeration(
                java.util.List.of(head, new java.io.ByteArrayInputStream(pending), in)));
        return new Unspooled(rest, String.valueOf(cause.getMessage()));
    }

    /**
     * Whether a pipe stays without data for {@code millis}. Polls {@code available()}, which
     * never consumes input, so the command still gets every byte if the pipe is handed over. A
     * closed pipe with nothing left also reads as silent: its run is then uncached, never wrong.
     */
    private static boolean silentFor(InputStream in, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        try {
            while (in.available() == 0) {
                if (System.nanoTime() > deadline) {
                    return true;
                }
                Thread.sleep(10);
            }
            return false;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
