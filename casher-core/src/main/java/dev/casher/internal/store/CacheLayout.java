package dev.casher.internal.store;

import dev.casher.internal.util.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Where everything lives in a cache directory (layout version 1):
 *
 * <pre>
 * ROOT/CACHEDIR.TAG                 standard cache directory tag
 * ROOT/v1/cas/XX/HEX                blobs: raw content, named by SHA-256 (XX = first 2 hex digits)
 * ROOT/v1/ac/XX/HEX.m               manifests, named by action key
 * ROOT/v1/ac/XX/HEX.e               entries, named by entry id (SHA-256 of the file)
 * ROOT/v1/tmp/                      write-then-rename staging; the file-system clock probe
 * ROOT/v1/locks/                    lock files (never deleted while the cache is in use)
 * ROOT/v1/statcache                 stat cache journal
 * ROOT/v1/stats.journal             stats counters (append-only journal of deltas)
 * ROOT/v1/stats                     stats counters of earlier versions (a snapshot; read, folded in)
 * ROOT/v1/size                      tracked size in bytes
 * ROOT/spool/                       the command path's stdin and trace files while a command runs
 * </pre>
 *
 * Directories are created {@code 0700} and files {@code 0600}: a shared cache directory is an
 * attack surface. Immutable and thread-safe.
 */
final class CacheLayout {
    static final String TAG_NAME = "CACHEDIR.TAG";
    static final String TAG = "Signature: 8a477f597d28d172789f06886806bc55\n"
            + "# This file is a cache directory tag created by casher.\n"
            + "# For information about cache directory tags, see https://bford.info/cachedir/\n";
    static final String ENTRY_SUFFIX = ".e";
    static final String MANIFEST_SUFFIX = ".m";

    static final FileAttribute<?>[] DIR_ATTRS = attrs("rwx------");
    static final FileAttribute<?>[] FILE_ATTRS = attrs("rw-------");

    final Path root;
    final Path base;
    final Path cas;
    final Path ac;
    final Path tmp;
    final Path locks;
    final Path statCache;
    final Path stats;
    final Path statsJournal;
    final Path size;
    final Path spool;

    private CacheLayout(Path root) {
        this.root = root;
        this.base = root.resolve("v1");
        this.cas = base.resolve("cas");
        this.ac = base.resolve("ac");
        this.tmp = base.resolve("tmp");
        this.locks = base.resolve("locks");
        this.statCache = base.resolve("statcache");
        this.stats = base.resolve("stats");
        this.statsJournal = base.resolve("stats.journal");
        this.size = base.resolve("size");
        this.spool = root.resolve("spool");
    }

    /**
     * Creates (or checks) the layout under {@code dir}; fails with a clear {@link IOException}
     * when {@code dir} is not a directory or not writable, and with a
     * {@link CacheDirTrust.UntrustedException} when someone else could write it.
     */
    static CacheLayout create(Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        CacheDirTrust.check(root);
        if (Files.exists(root, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(root)) {
            throw new IOException("cache directory " + root + " exists and is not a directory");
        }
        CacheLayout l = new CacheLayout(root);
        try {
            for (Path p : new Path[] {l.cas, l.ac, l.tmp, l.locks, l.spool}) {
                // Checked first: createDirectories reports an existing directory by exception,
                // which costs a command-line hit in a cold JVM.
                if (!Files.isDirectory(p)) {
                    Files.createDirectories(p, DIR_ATTRS);
                }
            }
            tighten(l.spool);
        } catch (IOException e) {
            throw new IOException("cannot create cache directory " + root + ": " + e, e);
        }
        if (!Files.isWritable(l.base) || !Files.isWritable(l.tmp)) {
            throw new IOException("cache directory " + root + " is not writable");
        }
        Path tag = root.resolve(TAG_NAME);
        if (!Files.exists(tag)) {
            AtomicFiles.write(l, tag, TAG.getBytes(StandardCharsets.US_ASCII), null,
                    Durability.FAST);
        }
        return l;
    }

    /** {@code spool/} of caches made before it was created {@code 0700} was {@code 0755}. */
    private static void tighten(Path dir) throws IOException {
        if (DIR_ATTRS.length > 0) {
            Set<PosixFilePermission> want = PosixFilePermissions.fromString("rwx------");
            if (!Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(want)) {
                Files.setPosixFilePermissions(dir, want);
            }
        }
    }

    Path blob(Digest d) {
        String hex = d.hex();
        return cas.resolve(hex.substring(0, 2)).resolve(hex);
    }

    Path entry(Digest id) {
        String hex = id.hex();
        return ac.resolve(hex.substring(0, 2)).resolve(hex + ENTRY_SUFFIX);
    }

    Path manifest(Digest actionKey) {
        String hex = actionKey.hex();
        return ac.resolve(hex.substring(0, 2)).resolve(hex + MANIFEST_SUFFIX);
    }

    Path keyLock(Digest actionKey) {
        String hex = actionKey.hex();
        return locks.resolve("keys").resolve(hex.substring(0, 2)).resolve(hex);
    }

    /** Manifest updates lock one of 256 buckets: brief, never nested, never held over user code. */
    Path manifestLock(Digest actionKey) {
        return locks.resolve("manifest-" + actionKey.hex().substring(0, 2));
    }

    Path lock(String name) {
        return locks.resolve(name);
    }

    private static FileAttribute<?>[] attrs(String perms) {
        if (!java.nio.file.FileSystems.getDefault().supportedFileAttributeViews()
                .contains("posix")) {
            return new FileAttribute<?>[0];
        }
        Set<PosixFilePermission> p = PosixFilePermissions.fromString(perms);
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(p)};
    }
}
