package dev.casher.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which process holds the {@code fcntl} lock of a lock file, read from {@code /proc/locks}
 * (Linux): the line whose device and inode are the file's. Used only to explain a wait and to
 * tell a nested invocation from a concurrent one. Stateless.
 */
final class LockHolder {
    private LockHolder() {}

    /** The PID holding a lock on {@code file}, or -1 if none is known (or not on Linux). */
    static long pid(Path file) {
        try {
            Map<String, Object> a = Files.readAttributes(file, "unix:ino,dev");
            long ino = (Long) a.get("ino");
            long dev = (Long) a.get("dev");
            String want = Long.toHexString(major(dev)) + ":" + Long.toHexString(minor(dev)) + ":" + ino;
            for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
                String[] f = line.trim().split("\\s+");
                // "1: POSIX ADVISORY WRITE 1234 fe:00:2154785 0 EOF"; "->" marks a waiter
                if (f.length >= 6 && !f[1].equals("->") && matches(f[5], want)) {
                    return Long.parseLong(f[4]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return -1;
    }

    private static boolean matches(String field, String want) {
        String[] a = field.split(":");
        String[] b = want.split(":");
        return a.length == 3 && Long.parseLong(a[0], 16) == Long.parseLong(b[0], 16)
                && Long.parseLong(a[1], 16) == Long.parseLong(b[1], 16) && a[2].equals(b[2]);
    }

    private static long major(long dev) {
        return ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
    }

    private static long minor(long dev) {
        return (dev & 0xff) | ((dev >>> 12) & ~0xffL);
    }
}
