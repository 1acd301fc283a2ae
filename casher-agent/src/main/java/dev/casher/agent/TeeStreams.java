package dev.casher.agent;

import dev.casher.internal.record.StreamTee;

/**
 * Installs the tee on {@code System.out}/{@code System.err} at premain or attach, as early as
 * possible, so that streams saved by frameworks at start-up are already tees. The tee itself is
 * core's {@link StreamTee}, which the engine also installs (idempotently) at the start of every
 * recorded call, since test runners and loggers replace the streams after premain.
 *
 * <p>What escapes: PrintStream references taken before installation, {@code new
 * FileOutputStream(FileDescriptor.out)}, untraced children started with {@code inheritIO()} or
 * {@code Redirect.INHERIT} (traced ones are forwarded through the tee, see
 * {@link TracedProcess}), the JVM's native output, and output of threads the call's context did
 * not reach. Thread-safe.
 */
public final class TeeStreams {
    private TeeStreams() {}

    /** Whether {@code System.out} and {@code System.err} are casher tees right now. */
    public static boolean installed() {
        return StreamTee.installed();
    }

    /** Replaces {@code System.out} and {@code System.err} with tees unless they already are. */
    public static void install() {
        StreamTee.install();
    }
}
