package dev.casher.internal.store;

import java.io.File;
import java.nio.file.Path;

/**
 * Refuses a non-regular file (a FIFO, device, socket or directory) where the store expects one
 * of its own files: opening a FIFO blocks until someone writes it, so one planted at a manifest,
 * entry, blob, journal or lock path would hang every command. Checked with one {@code stat}
 * before the open (symlinks followed, so a link to a FIFO is refused too).
 *
 * <p>The check and the open are two steps: a file swapped for a FIFO between them could still
 * block. Only someone who can write the cache directory can do that, and {@link CacheDirTrust}
 * refuses a cache that anyone but the user can write, so that gap is the user's own.
 * Stateless.
 */
final class RegularFiles {
    private RegularFiles() {}

    /** Throws {@link CorruptCacheException} if something other than a regular file is at {@code f}. */
    static void require(File f) throws CorruptCacheException {
        if (!f.isFile() && f.exists()) {
            throw notRegular(f.toPath());
        }
    }

    static void require(Path p) throws CorruptCacheException {
        require(p.toFile());
    }

    static CorruptCacheException notRegular(Path p) {
        return new CorruptCacheException("cache file " + p + " is not a regular file (a FIFO, "
                + "device or directory planted in the cache?); remove it, or run casher verify --repair");
    }
}
