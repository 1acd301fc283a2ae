package dev.casher.spi;

import java.io.IOException;

/**
 * Encodes return values of a type the built-in codecs do not handle (or handle slowly), found
 * through {@link java.util.ServiceLoader} ({@code META-INF/services/dev.casher.spi.ValueCodec}).
 * Implementations must be thread-safe and deterministic: {@code decode(encode(v))} equals
 * {@code v} for every value they accept.
 */
public interface ValueCodec {
    /**
     * A stable identifier written into every entry this codec encodes; change it when the byte
     * format changes, so old entries are ignored rather than misread.
     */
    String id();

    /** Whether this codec can encode {@code value} (never called with {@code null}). */
    boolean canEncode(Object value);

    /** The bytes of {@code value}. */
    byte[] encode(Object value) throws IOException;

    /** The value {@link #encode} wrote into {@code bytes}. */
    Object decode(byte[] bytes) throws IOException;
}
