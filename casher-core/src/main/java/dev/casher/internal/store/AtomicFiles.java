package dev.casher.internal.store;

import dev.casher.internal.util.Pid;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Write-then-rename: every file of the store is written under a unique name in {@code tmp/} and
 * renamed into place, so a reader sees either nothing or the whole file, whatever instant a
 * writer dies at. Stateless apart from a name counter; thread-safe.
 */
final class AtomicFiles {
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final String PREFIX = Pid.current() + "-";
    private static final Set<OpenOption> CREATE =
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    private AtomicFiles() {
    }

    /** A fresh, unused name in {@code tmp/} (not created). */
    static Path tmpName(CacheLayout layout) {
        return layout.tmp.resolve(PREFIX + COUNTER.incrementAndGet() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    }

    /** Creates a new {@code 0600} file for writing. */
    static FileChannel create(Path p) throws IOException {
        return FileChannel.open(p, CREATE, CacheLayout.FILE_ATTRS);
    }

    /**
     * Atomically replaces {@code target} with {@code data}, with modification time {@code mtime}
     * (or the file system's time if {@code null}).
     */
    static void write(CacheLayout layout, Path target, byte[] data, FileTime mtime,
            Durability durability) throws IOException {
        Path tmp = tmpName(layout);
        try {
            try (FileChannel ch = create(tmp)) {
                ByteBuffer buf = ByteBuffer.wrap(data);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                if (durability == Durability.FSYNC) {
                    ch.force(true);
                }
            }
            if (mtime != null) {
                Files.setLastModifiedTime(tmp, mtime);
            }
            moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Renames {@code tmp} to {@code target}, creating the shard directory if it vanished. */
    static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            if (!Files.exists(tmp)) {
                throw e;
            }
            Files.createDirectories(target.getParent(), CacheLayout.DIR_ATTRS);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** The whole file, or {@code null} if it does not exist. */
    static byte[] readIfExists(Path p) throws IOException {
        // java.io, not Files.readAllBytes: the store's small files are read on every command-line
        // hit, and NIO's channel machinery costs milliseconds to start in a cold JVM.
        File f = p.toFile();
        RegularFiles.require(f);
        try (FileInputStream in = new FileInputStream(f)) {
            return in.readAllBytes();
        } catch (FileNotFoundException e) {
            if (!f.exists()) {
                return null; // java.io says "not found" for other failures too: only this is null
            }
            throw e;
        }
    }
}
