package dev.casher.internal.util;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A SHA-256 digest: the address of every blob, entry and manifest in the store.
 *
 * <p>Immutable and thread-safe. Equality is by value. The hex form is lower case.
 */
public final class Digest implements Comparable<Digest> {
    /** Length of a SHA-256 digest in bytes. */
    public static final int LENGTH = 32;

    private static final HexFormat HEX = HexFormat.of();
    private static final int BUFFER = 1 << 16;

    private final byte[] bytes;
    private final int hash;

    private Digest(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** Wraps 32 bytes (copied). */
    public static Digest of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("digest must be " + LENGTH + " bytes, got " + bytes.length);
        }
        return new Digest(bytes.clone());
    }

    /** The 32 bytes of {@code src} from {@code offset} (copied). */
    public static Digest of(byte[] src, int offset) {
        return new Digest(Arrays.copyOfRange(src, offset, offset + LENGTH));
    }

    /** Parses 64 lower- or upper-case hex digits. */
    public static Digest parse(String hex) {
        if (hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("digest must be 64 hex digits: '" + hex + "'");
        }
        return new Digest(HEX.parseHex(hex));
    }

    /** The digest of {@code data}. */
    public static Digest ofBytes(byte[] data) {
        return new Digest(light(data.length) ? Sha256.hash(data) : sha256().digest(data));
    }

    /** The digest of the UTF-8 bytes of {@code text}. */
    public static Digest ofString(String text) {
        return ofBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The digest of a file's content, read with a reused heap buffer. */
    public static Digest ofFile(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MessageDigest md = light(ch.size()) ? lightSha256() : sha256();
            ByteBuffer buf = ByteBuffer.allocate(BUFFER);
            while (ch.read(buf) >= 0) {
                buf.flip();
                md.update(buf);
                buf.clear();
            }
            return new Digest(md.digest());
        }
    }

    /** The digest of everything {@code in} yields; does not close it. */
    public static Digest ofStream(InputStream in) throws IOException {
        MessageDigest md = sha256();
        byte[] buf = new byte[BUFFER];
        for (int n; (n = in.read(buf)) >= 0; ) {
            md.update(buf, 0, n);
        }
        return new Digest(md.digest());
    }

    /** Wraps the output of a finished SHA-256 {@link MessageDigest}. */
    public static Digest finish(MessageDigest md) {
        return new Digest(md.digest());
    }

    /**
     * A fresh SHA-256 {@link MessageDigest} for bulk content (files, streams, blobs, argument
     * values): the JDK's, with CPU intrinsics. SHA-256 is mandatory on every JDK.
     */
    public static MessageDigest sha256() {
        MessageDigest proto = Jca.PROTOTYPE;
        if (proto != null) {
            try {
                // Cloning skips the provider lookup of getInstance, several times slower on a hit path.
                return (MessageDigest) proto.clone();
            } catch (CloneNotSupportedException e) {
                // Fall through: some providers do not support cloning.
            }
        }
        return Jca.newSha256();
    }

    /**
     * A fresh SHA-256 {@link MessageDigest} for small inputs (keys, manifests, listings): same
     * digests as {@link #sha256()}, without the provider start-up a command-line hit cannot
     * afford (see {@link Sha256}).
     */
    public static MessageDigest lightSha256() {
        return new Sha256();
    }

    /**
     * Inputs up to this size go through {@link Sha256} in {@link #ofBytes} and {@link #ofFile},
     * as long as the JDK's SHA-256 has not been started: once a process has paid for it (any
     * bulk hash), its intrinsics are faster at every size.
     */
    private static final int LIGHT_LIMIT = 1 << 16;

    private static volatile boolean jcaStarted;

    private static boolean light(long size) {
        return size <= LIGHT_LIMIT && !jcaStarted;
    }

    /** The JDK's SHA-256, initialised on first use only (it loads the provider framework). */
    private static final class Jca {
        static final MessageDigest PROTOTYPE = newSha256();

        static {
            jcaStarted = true;
        }

        static MessageDigest newSha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new AssertionError("SHA-256 is required on every Java platform", e);
            }
        }
    }

    /** A copy of the 32 bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Feeds the 32 bytes to {@code md} without copying. */
    public void updateInto(MessageDigest md) {
        md.update(bytes);
    }

    /** 64 lower-case hex digits. */
    public String hex() {
        return HEX.formatHex(bytes);
    }

    /** The first {@code n} hex digits, for messages. */
    public String shortHex(int n) {
        return hex().substring(0, Math.min(n, 2 * LENGTH));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Digest d && hash == d.hash && Arrays.equals(bytes, d.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(Digest o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
