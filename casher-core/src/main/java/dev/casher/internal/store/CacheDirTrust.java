package dev.casher.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * The trust check for a cache directory, as ssh checks {@code ~/.ssh}: whoever can write the
 * cache decides what a hit writes into the user's files, so the directory and each of its
 * parents, up to the first sticky or root-owned one, must be owned by the user (or root) and
 * not writable by group or others. The cache directory itself must be owned by the user.
 *
 * <p>"The user" is the effective uid of this process (the owner of {@code /proc/self}); a
 * process running as root trusts only root-owned directories, so a cache of another user
 * (say, {@code sudo} with that user's {@code HOME}) is refused rather than written as root.
 * Checked on the real path (symlinks resolved) of the deepest existing directory; where the
 * file system has no {@code unix} attributes or {@code /proc/self} is absent the check is
 * skipped. Stateless.
 */
public final class CacheDirTrust {
    private static final int GROUP_OR_OTHER_WRITE = 0022;
    private static final int STICKY = 01000;

    private CacheDirTrust() {}

    /** A cache directory refused by {@link #check}; its message names the directory and the fix. */
    public static final class UntrustedException extends IOException {
        private static final long serialVersionUID = 1L;

        UntrustedException(String message) {
            super(message);
        }
    }

    /** Throws {@link UntrustedException} if {@code dir} (existing or to be created) is not safe. */
    public static void check(Path dir) throws IOException {
        Integer me = effectiveUid();
        if (me == null) {
            return;
        }
        Path p = dir.toAbsolutePath().normalize();
        boolean self = true;
        while (p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            p = p.getParent();
            self = false; // the cache directory itself will be created 0700 by this user
        }
        if (p == null) {
            return;
        }
        p = p.toRealPath();
        for (; p != null; p = p.getParent(), self = false) {
            Map<String, Object> a;
            try {
                a = Files.readAttributes(p, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                return;
            }
            int uid = (Integer) a.get("uid");
            int mode = (Integer) a.get("mode");
            boolean sticky = (mode & STICKY) != 0;
            if (uid != me && (self || uid != 0)) {
                throw refused(dir, p, uid, mode, self, me);
            }
            if ((mode & GROUP_OR_OTHER_WRITE) != 0 && (self || !sticky)) {
                throw refused(dir, p, uid, mode, self, me);
            }
            if (sticky || uid == 0) {
                return;
            }
        }
    }

    private static UntrustedException refused(Path dir, Path p, int uid, int mode, boolean self, int me) {
        String what = self ? "cache directory " + p : "cache directory " + dir + ": its parent " + p;
        String fix = uid != me && (self || uid != 0)
                ? "chown " + me + " " + p + " (or use a directory of your own with --cache-dir or CASHER_CACHE_DIR)"
                : "chmod go-w " + p + " (or use a directory of your own with --cache-dir or CASHER_CACHE_DIR)";
        return new UntrustedException(what + " is owned by uid " + uid + " with mode "
                + String.format("%04o", mode & 07777) + "; casher uses only a cache that no one "
                + "but you (uid " + me + ") can write. Fix: " + fix);
    }

    private static Integer effectiveUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }
}
