package dev.casher.internal.replay;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Temporary siblings a killed restore left behind ({@code .casher-PID-HEX.tmp}, up to the size of
 * the output). Removed only when provably casher's own and abandoned: the name has this form, the
 * file (or link) is owned by this user, and the process {@code PID} no longer exists. A name
 * without a PID (earlier versions) cannot be proved abandoned and is left alone. Each directory
 * is swept at most once per process. Thread-safe.
 */
final class TempLitter {
    static final String PREFIX = ".casher-";
    static final long PID = ProcessHandle.current().pid();
    private static final Set<Path> SWEPT = ConcurrentHashMap.newKeySet();

    private TempLitter() {}

    /** Removes abandoned temporary files in {@code dir}; failures are ignored (it is tidying). */
    static void sweep(Path dir) {
        if (!SWEPT.add(dir)) {
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, ".casher-*-*.tmp")) {
            Integer me = null;
            for (Path p : ds) {
                long pid = pid(p.getFileName().toString());
                if (pid <= 0 || pid == PID || Files.exists(Path.of("/proc", Long.toString(pid)))) {
                    continue;
                }
                if (me == null) {
                    me = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
                }
                Object owner = Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                if (me.equals(owner) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // litter stays; the restore itself does not depend on this
        }
    }

    /** The PID of {@code .casher-PID-HEX.tmp}, or -1 if the name is not of that form. */
    static long pid(String name) {
        if (!name.startsWith(PREFIX) || !name.endsWith(".tmp")) {
            return -1;
        }
        String mid = name.substring(PREFIX.length(), name.length() - 4);
        int dash = mid.indexOf('-');
        if (dash <= 0 || dash == mid.length() - 1) {
            return -1;
        }
        try {
            Long.parseUnsignedLong(mid.substring(dash + 1), 16);
            return Long.parseLong(mid.substring(0, dash));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
