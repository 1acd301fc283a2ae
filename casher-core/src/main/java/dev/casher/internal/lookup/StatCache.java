package dev.casher.internal.lookup;

import dev.casher.internal.util.Digest;
import dev.casher.internal.util.FileStat;

/**
 * Remembers the digest of a file together with the stat it had when hashed, so that an
 * unchanged file (same size, mtime, ctime, inode) is never hashed twice, within a process and
 * across processes. Implementations are thread-safe; failures to persist are swallowed (the
 * cache is an optimisation, a lost entry costs one hash).
 */
public interface StatCache {

    /** The digest known for {@code path} if its stat is exactly {@code stat}, else {@code null}. */
    Digest lookup(String path, FileStat stat);

    /** Records that {@code path}, when it had {@code stat}, hashed to {@code digest}. */
    void remember(String path, FileStat stat, Digest digest);

    /** A stat cache that remembers nothing. */
    StatCache NONE = new StatCache() {
        @Override
        public Digest lookup(String path, FileStat stat) {
            return null;
        }

        @Override
        public void remember(String path, FileStat stat, Digest digest) {
        }
    };
}
