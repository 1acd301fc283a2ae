package dev.casher.internal.store;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * The framing of the store's append-only files (the stat cache, the stats counters): checksummed
 * records that any number of processes append to, each with one {@code write} on an
 * {@code O_APPEND} descriptor, so records of concurrent writers never interleave.
 *
 * <pre>
 * journal = magic:u32 version:u16 record*
 * record  = sync:u16=0xCA5E length:u16 body crc32c:u32     ; crc32c of body
 * </pre>
 *
 * A torn or damaged record is skipped: the reader scans forward to the next sync mark whose
 * record checks out. A racing creator may write a second header; it reads as damage and is
 * skipped. Stateless and thread-safe.
 */
final class Journal {
    static final int SYNC = 0xCA5E;
    static final int HEADER = 6;
    static final int MAX_BODY = 0xffff;

    /** Receives the valid records of a journal, in order. */
    interface Visitor {
        /** The body of one record: {@code file[offset, offset + length)}. */
        void record(byte[] file, int offset, int length);
    }

    private Journal() {
    }

    /** The header of a journal. */
    static byte[] header(int magic, int version) {
        return ByteBuffer.allocate(HEADER).putInt(magic).putShort((short) version).array();
    }

    /** {@code body} framed as a record, or {@code null} if it is too long for one. */
    static byte[] record(byte[] body) {
        if (body.length > MAX_BODY) {
            return null;
        }
        ByteBuffer buf = ByteBuffer.allocate(4 + body.length + 4);
        buf.putShort((short) SYNC).putShort((short) body.length).put(body);
        buf.putInt(BinaryFormat.crc32c(buf.array(), 4, body.length));
        return buf.array();
    }

    /**
     * Visits every valid record of {@code file} with a body of at least {@code minBody} bytes;
     * returns how many there were.
     */
    static int scan(byte[] file, int magic, int minBody, Visitor visitor) {
        ByteBuffer buf = ByteBuffer.wrap(file);
        int pos = file.length >= HEADER && buf.getInt(0) == magic ? HEADER : 0;
        int records = 0;
        while (pos + 8 <= file.length) {
            int len = buf.getShort(pos + 2) & 0xffff;
            int end = pos + 4 + len;
            if ((buf.getShort(pos) & 0xffff) != SYNC || len < minBody || end + 4 > file.length
                    || buf.getInt(end) != BinaryFormat.crc32c(file, pos + 4, len)) {
                pos++; // resynchronise on the next sync mark
                continue;
            }
            visitor.record(file, pos + 4, len);
            records++;
            pos = end + 4;
        }
        return records;
    }

    /**
     * Appends {@code record} to {@code file}, creating it ({@code 0600}, with {@code header})
     * if needed. One {@code write} through {@code java.io}: cheap enough for the end of every
     * command-line hit.
     */
    static void append(Path file, byte[] header, byte[] record) throws IOException {
        if (!file.toFile().isFile()) {
            RegularFiles.require(file);
            try (FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), CacheLayout.FILE_ATTRS)) {
                ch.write(ByteBuffer.wrap(header));
            } catch (FileAlreadyExistsException e) {
                // a racing creator wrote the header
            }
        }
        try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
            out.write(record);
        }
    }
}
