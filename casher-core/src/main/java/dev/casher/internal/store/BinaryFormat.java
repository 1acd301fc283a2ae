package dev.casher.internal.store;

import dev.casher.internal.util.Digest;
import dev.casher.internal.util.FileStat;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The framing shared by every small binary file of the store, and bounds-checked primitives to
 * write and read its body.
 *
 * <pre>
 * file     = magic:u32 version:u16 body crc:u32     ; crc = CRC32C of magic, version and body
 * str      = length:u32 utf8-bytes                   ; big-endian integers throughout
 * digest   = 32 bytes (SHA-256)
 * </pre>
 *
 * <p>Stateless and thread-safe; {@link Writer} and {@link Reader} instances are not. Reading never
 * returns garbage: any truncation, bad magic, unknown version, bad checksum or out-of-range length
 * raises {@link CorruptCacheException}.
 */
final class BinaryFormat {
    private static final int TRAILER = 4;
    private static final int HEADER = 6;

    private BinaryFormat() {
    }

    /** Frames {@code body} with magic, version and the trailing CRC32C. */
    static byte[] frame(int magic, int version, byte[] body) {
        ByteBuffer buf = ByteBuffer.allocate(HEADER + body.length + TRAILER);
        buf.putInt(magic).putShort((short) version).put(body);
        buf.putInt(crc32c(buf.array(), 0, HEADER + body.length));
        return buf.array();
    }

    /**
     * Checks magic, version and checksum of {@code file} and returns a reader over its body;
     * {@code what} names the file in the exception.
     */
    static Reader unframe(byte[] file, int magic, int version, String what)
            throws CorruptCacheException {
        return unframe(file, magic, version, version, what);
    }

    /**
     * Like {@link #unframe(byte[], int, int, String)}, accepting any version from
     * {@code oldest} to {@code newest}; {@link Reader#version()} tells which one it is.
     */
    static Reader unframe(byte[] file, int magic, int oldest, int newest, String what)
            throws CorruptCacheException {
        if (file.length < HEADER + TRAILER) {
            throw new CorruptCacheException(what + ": truncated (" + file.length + " bytes)");
        }
        ByteBuffer buf = ByteBuffer.wrap(file);
        int end = file.length - TRAILER;
        if (buf.getInt(0) != magic) {
            throw new CorruptCacheException(what + ": bad magic number");
        }
        int crc = buf.getInt(end);
        if (crc != crc32c(file, 0, end)) {
            throw new CorruptCacheException(what + ": checksum mismatch");
        }
        int v = buf.getShort(4) & 0xffff;
        if (v < oldest || v > newest) {
            throw new CorruptCacheException(what + ": unsupported format version " + v);
        }
        return new Reader(file, HEADER, end - HEADER, what, v);
    }

    /** CRC32C of a byte range. */
    static int crc32c(byte[] data, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(data, off, len);
        return (int) c.getValue();
    }

    /** Appends big-endian primitives to a growing buffer. */
    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        private final ByteBuffer scratch = ByteBuffer.allocate(8);

        Writer u8(int v) {
            out.write(v);
            return this;
        }

        Writer i32(int v) {
            scratch.clear();
            out.write(scratch.putInt(v).array(), 0, 4);
            return this;
        }

        Writer i64(long v) {
            scratch.clear();
            out.write(scratch.putLong(v).array(), 0, 8);
            return this;
        }

        Writer str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            i32(b.length);
            out.write(b, 0, b.length);
            return this;
        }

        Writer digest(Digest d) {
            byte[] b = d.bytes();
            out.write(b, 0, b.length);
            return this;
        }

        /** {@code size:i64 mtimeNs:i64 ctimeNs:i64 inode:i64 device:i64 mode:i32}. */
        Writer stat(FileStat s) {
            return i64(s.size()).i64(s.mtimeNanos()).i64(s.ctimeNanos()).i64(s.inode())
                    .i64(s.device()).i32(s.mode());
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    /** Reads big-endian primitives from a body; an overrun is a {@link CorruptCacheException}. */
    static final class Reader {
        // A byte array and an index rather than a ByteBuffer: a command-line hit decodes a
        // manifest of a hundred inputs in interpreted code, where each ByteBuffer read is a
        // chain of calls (bounds, scoped memory access, byte order) and this is a few loads.
        private final byte[] b;
        private int pos;
        private final int end;
        private final String what;
        private final int version;

        Reader(ByteBuffer buf, String what) {
            this(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining(), what, 0);
        }

        Reader(byte[] b, int offset, int length, String what, int version) {
            this.b = b;
            this.pos = offset;
            this.end = offset + length;
            this.what = what;
            this.version = version;
        }

        /** The format version of the framed file (0 if not framed). */
        int version() {
            return version;
        }

        /** A stat as {@link Writer#stat} wrote it. */
        FileStat stat() throws CorruptCacheException {
            return new FileStat(i64(), i64(), i64(), i64(), i64(), i32());
        }

        int u8() throws CorruptCacheException {
            need(1);
            return b[pos++] & 0xff;
        }

        int i32() throws CorruptCacheException {
            need(4);
            int p = pos;
            pos += 4;
            return (b[p] << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8)
                    | (b[p + 3] & 0xff);
        }

        long i64() throws CorruptCacheException {
            long hi = i32();
            return (hi << 32) | (i32() & 0xffffffffL);
        }

        /** A count of items of at least {@code minItemBytes} each, checked against what is left. */
        int count(int minItemBytes) throws CorruptCacheException {
            int n = i32();
            if (n < 0 || (long) n * minItemBytes > end - pos) {
                throw corrupt("count " + n + " exceeds the " + (end - pos) + " bytes left");
            }
            return n;
        }

        String str() throws CorruptCacheException {
            int n = count(1);
            String s = new String(b, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        Digest digest() throws CorruptCacheException {
            need(Digest.LENGTH);
            Digest d = Digest.of(b, pos);
            pos += Digest.LENGTH;
            return d;
        }

        /** Fails unless the whole body was consumed (trailing bytes mean a different writer). */
        void end() throws CorruptCacheException {
            if (pos != end) {
                throw corrupt((end - pos) + " unexpected trailing bytes");
            }
        }

        CorruptCacheException corrupt(String message) {
            return new CorruptCacheException(what + ": " + message);
        }

        private void need(int n) throws CorruptCacheException {
            if (end - pos < n) {
                throw truncated();
            }
        }

        private CorruptCacheException truncated() {
            return corrupt("truncated body");
        }
    }
}
