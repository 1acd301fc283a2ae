package dev.casher.internal.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's id. On Linux it is read from the {@code /proc/self} link: the first use of
 * {@link ProcessHandle} initialises the JDK's process reaper (an executor and several lambdas),
 * some 10 ms of a command-line hit that only wants a number for temporary file names.
 */
public final class Pid {
    private static final long PID = read();

    private Pid() {}

    /** This process's id. */
    public static long current() {
        return PID;
    }

    private static long read() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/self")).toString());
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.current().pid();
        }
    }
}
