package dev.casher.internal.store;

import dev.casher.internal.util.Digest;
import dev.casher.internal.util.FileStat;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.zip.CRC32C;

/**
 * Reading, writing and verifying blob files: raw content, no header, so that restore can use
 * {@link Files#copy} (which reflinks where the file system can). Integrity comes from the
 * {@link BlobRef}'s size and CRC32C, checked on every read. Stateless and thread-safe.
 */
final class BlobIo {
    private static final int BUFFER = 1 << 20;

    private BlobIo() {
    }

    /** The reference of {@code data}. */
    static BlobRef ref(byte[] data) {
        return new BlobRef(Digest.ofBytes(data), data.length,
                BinaryFormat.crc32c(data, 0, data.length));
    }

    /** Verified content of the blob at {@code p}. */
    /** Blobs up to this size are read through java.io (see {@link #readSmall}). */
    private static final long SMALL = 1 << 20;

    /**
     * {@link #read} of a small blob through java.io: a command-line hit reads its captured
     * streams this way, and NIO's channel machinery costs milliseconds to start in a cold JVM.
     */
    private static byte[] readSmall(Path p, BlobRef ref) throws IOException {
        File f = p.toFile();
        RegularFiles.require(f);
        byte[] data;
        try (FileInputStream in = new FileInputStream(f)) {
            data = in.readNBytes((int) ref.size() + 1); // one more: a longer file is detected
        } catch (FileNotFoundException e) {
            if (!f.exists()) {
                throw new CorruptCacheException(what(ref) + " is missing", e);
            }
            throw e;
        }
        if (data.length != ref.size()) {
            throw new CorruptCacheException(what(ref) + ": size " + (data.length > ref.size()
                    ? "over " + ref.size() : data.length) + ", expected " + ref.size());
        }
        if (BinaryFormat.crc32c(data, 0, data.length) != ref.crc32c()) {
            throw new CorruptCacheException(what(ref) + ": checksum mismatch");
        }
        return data;
    }

    static byte[] read(Path p, BlobRef ref) throws IOException {
        if (ref.size() <= SMALL) {
            return readSmall(p, ref);
        }
        RegularFiles.require(p);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size != ref.size()) {
                throw new CorruptCacheException(what(ref) + ": size " + size + ", expected "
                        + ref.size());
            }
            if (size > Integer.MAX_VALUE - 8) {
                throw new IOException(what(ref) + " is too large to read into memory");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // read fully
            }
            if (buf.hasRemaining()) {
                throw new CorruptCacheException(what(ref) + ": truncated while reading");
            }
            byte[] data = buf.array();
            if (BinaryFormat.crc32c(data, 0, data.length) != ref.crc32c()) {
                throw new CorruptCacheException(what(ref) + ": checksum mismatch");
            }
            return data;
        } catch (NoSuchFileException e) {
            throw new CorruptCacheException(what(ref) + " is missing", e);
        }
    }

    /** Whether the file at {@code p} has the size and CRC32C of {@code ref}. */
    static boolean matches(Path p, BlobRef ref) throws IOException {
        RegularFiles.require(p);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            if (ch.size() != ref.size()) {
                return false;
            }
            CRC32C crc = new CRC32C();
            ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
            long total = 0;
            for (int n; (n = ch.read(buf)) >= 0; ) {
                total += n;
                buf.flip();
                crc.update(buf);
                buf.clear();
            }
            return total == ref.size() && (int) crc.getValue() == ref.crc32c();
        }
    }

    /**
     * Copies {@code file} into the new file {@code tmp} while hashing it; throws if the source
     * changed during the copy (its stat differs after), so a torn copy is never stored.
     */
    static BlobRef copyIn(Path file, Path tmp) throws IOException {
        FileStat before = FileStat.of(file);
        if (before == null) {
            throw new NoSuchFileException(file.toString());
        }
        MessageDigest md = Digest.sha256();
        CRC32C crc = new CRC32C();
        long total = 0;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                FileChannel out = AtomicFiles.create(tmp)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
            for (int n; (n = in.read(buf)) >= 0; ) {
                total += n;
                buf.flip();
                md.update(buf.duplicate());
                crc.update(buf.duplicate());
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                buf.clear();
            }
        }
        FileStat after = FileStat.of(file);
        if (after == null || after.size() != before.size() || total != before.size()
                || after.mtimeNanos() != before.mtimeNanos()
                || after.ctimeNanos() != before.ctimeNanos() || after.inode() != before.inode()
                || after.device() != before.device()) {
            throw new IOException(file + " changed while it was being stored");
        }
        return new BlobRef(Digest.finish(md), total, (int) crc.getValue());
    }

    private static String what(BlobRef ref) {
        return "blob " + ref.digest().shortHex(12);
    }
}
