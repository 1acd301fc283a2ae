package dev.casher.internal.store;

import dev.casher.internal.util.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The manifest files of a store: verified reads with an in-memory copy revalidated by one
 * {@code stat}, and read-modify-write updates under a cross-process lock, so that concurrent
 * recorders of one key in different processes never lose a candidate. Thread-safe.
 */
final class ManifestFiles {
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(10);
    private static final int MEMO_LIMIT = 4096;

    private record Memo(Object fileKey, long size, FileTime mtime, Manifest manifest) {
        boolean matches(BasicFileAttributes a) {
            return a.size() == size && a.lastModifiedTime().equals(mtime)
                    && Objects.equals(a.fileKey(), fileKey);
        }
    }

    private final CacheLayout layout;
    private final FileLocks locks;
    private final Clock clock;
    private final Durability durability;
    private final AtomicLong sizeDelta;
    private final Map<Digest, Memo> memo = new ConcurrentHashMap<>();

    /**
     * @param clock stamps written manifests
     * @param sizeDelta receives the change in bytes of each update (the store's pending size)
     */
    ManifestFiles(CacheLayout layout, FileLocks locks, Clock clock, Durability durability,
            AtomicLong sizeDelta) {
        this.layout = layout;
        this.locks = locks;
        this.clock = clock;
        this.durability = durability;
        this.sizeDelta = sizeDelta;
    }

    Manifest read(Digest actionKey) throws IOException {
        Path p = layout.manifest(actionKey);
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            memo.remove(actionKey);
            return Manifest.EMPTY;
        }
        Memo m = memo.get(actionKey);
        if (m != null && m.matches(a)) {
            return m.manifest();
        }
        Manifest read = load(actionKey);
        if (memo.size() >= MEMO_LIMIT) {
            memo.clear(); // crude bound; a re-read costs one small file
        }
        // Attributes taken before the read: if the file changed in between, they differ next time.
        memo.put(actionKey, new Memo(a.fileKey(), a.size(), a.lastModifiedTime(), read));
        return read;
    }

    Manifest load(Digest actionKey) throws IOException {
        byte[] b = AtomicFiles.readIfExists(layout.manifest(actionKey));
        return b == null ? Manifest.EMPTY : ManifestCodec.decode(b, actionKey);
    }

    /** Read-modify-write under the key's manifest lock; an empty result deletes the file. */
    void update(Digest actionKey, UnaryOperator<Manifest> change) throws IOException {
        try (CacheStore.KeyLock held = locks.acquire(layout.manifestLock(actionKey),
                LOCK_TIMEOUT)) {
            if (held == null) {
                throw new IOException("timed out waiting for the manifest lock of "
                        + actionKey.shortHex(12));
            }
            memo.remove(actionKey);
            Path p = layout.manifest(actionKey);
            byte[] old;
            try {
                old = AtomicFiles.readIfExists(p);
            } catch (CorruptCacheException e) {
                old = null; // not a regular file: the rename below replaces it
            }
            Manifest current = Manifest.EMPTY;
            if (old != null) {
                try {
                    current = ManifestCodec.decode(old, actionKey);
                } catch (CorruptCacheException e) {
                    current = Manifest.EMPTY; // a damaged manifest is replaced
                }
            }
            Manifest next = change.apply(current);
            long oldSize = old == null ? 0 : old.length;
            if (next.candidates().isEmpty()) {
                Files.deleteIfExists(p);
                sizeDelta.addAndGet(-oldSize);
            } else {
                byte[] b = ManifestCodec.encode(actionKey, next);
                AtomicFiles.write(layout, p, b, FileTime.from(clock.instant()), durability);
                sizeDelta.addAndGet(b.length - oldSize);
            }
        }
    }

    void forgetAll() {
        memo.clear();
    }
}
