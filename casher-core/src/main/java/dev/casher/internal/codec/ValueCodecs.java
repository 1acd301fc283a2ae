package dev.casher.internal.codec;

import dev.casher.internal.util.CasherLog;
import dev.casher.spi.ValueCodec;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The chain of codecs that turns a return value into bytes and back: the canonical codec first,
 * then the user's {@link ValueCodec}s in {@link ServiceLoader} order, then Java serialization
 * for {@link Serializable} values. Thread-safe and immutable once built.
 *
 * <p>Failures: {@link #encode} throws {@link UnencodableValueException} when no codec takes the
 * value (the result is then not cached); {@link #decode} throws {@link IOException} for an
 * unknown codec id, a malformed payload, or a class outside the entry's allow-list (the entry is
 * then treated as a miss).
 */
public final class ValueCodecs {
    /** Id of the canonical codec. */
    public static final String CANONICAL_ID = CanonicalCodec.ID;
    /** Id of the serialization fallback. */
    public static final String SERIALIZATION_ID = SerializationCodec.ID;


    private final List<ValueCodec> extensions;

    /**
     * An encoded value: the id of the codec that wrote it, its bytes, and the class names
     * decoding may load (empty for extension codecs, which load what they like).
     *
     * @param codecId the codec that wrote {@code bytes}
     * @param bytes the payload
     * @param allowedClasses classes the payload names; decoding refuses all others
     */
    public record Encoded(String codecId, byte[] bytes, List<String> allowedClasses) {
        /** Validates and copies the list. */
        public Encoded {
            Objects.requireNonNull(codecId, "codecId");
            Objects.requireNonNull(bytes, "bytes");
            allowedClasses = List.copyOf(allowedClasses);
        }
    }

    private ValueCodecs(List<ValueCodec> extensions) {
        this.extensions = List.copyOf(extensions);
    }

    /** The standard chain, with extension codecs found by the thread context class loader. */
    public static ValueCodecs standard() {
        List<ValueCodec> found = new ArrayList<>();
        Iterator<ValueCodec> it = ServiceLoader.load(ValueCodec.class).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                // a broken provider must not break caching of everything else
                CasherLog.warnOnce("load:" + e, "ignoring a ValueCodec that cannot be loaded: " + e);
            }
        }
        return of(found);
    }

    /** A chain with exactly these extension codecs between the canonical and serialization. */
    public static ValueCodecs of(List<ValueCodec> extensions) {
        List<ValueCodec> usable = new ArrayList<>();
        for (ValueCodec c : extensions) {
            String id = c.id();
            if (id == null || id.isBlank() || id.equals(CANONICAL_ID) || id.equals(SERIALIZATION_ID)
                    || usable.stream().anyMatch(u -> u.id().equals(id))) {
                CasherLog.warnOnce("id:" + c.getClass().getName() + ":" + id, "ignoring ValueCodec "
                        + c.getClass().getName() + " with missing or duplicate id '" + id + "'");
            } else {
                usable.add(c);
            }
        }
        return new ValueCodecs(usable);
    }

    /** The ids of the extension codecs, in the order they are tried. */
    public List<String> extensionIds() {
        return extensions.stream().map(ValueCodec::id).toList();
    }

    /** Encodes {@code value} with the first codec that takes it. */
    public Encoded encode(Object value) throws UnencodableValueException {
        String canonicalReason;
        try {
            CanonicalCodec.Result r = CanonicalCodec.encode(value);
            return new Encoded(CANONICAL_ID, r.bytes(), r.classes());
        } catch (CanonicalCodec.Declined e) {
            canonicalReason = e.getMessage();
        }
        for (ValueCodec c : extensions) {
            try {
                if (c.canEncode(value)) {
                    return new Encoded(c.id(), c.encode(value), List.of());
                }
            } catch (IOException | RuntimeException e) {
                CasherLog.warnOnce("encode:" + c.id() + ":" + value.getClass().getName(), "ValueCodec " + c.id()
                        + " failed to encode a " + value.getClass().getName() + ": " + e);
            }
        }
        String type = value.getClass().getName();
        if (!(value instanceof Serializable)) {
            throw unencodable(type, canonicalReason, "it is not Serializable", null);
        }
        try {
            SerializationCodec.Result r = SerializationCodec.encode(value);
            return new Encoded(SERIALIZATION_ID, r.bytes(), r.classes());
        } catch (IOException | RuntimeException e) {
            throw unencodable(type, canonicalReason, "serializing it failed (" + e + ")", e);
        }
    }

    /** Decodes what the codec {@code codecId} wrote; classes outside the list are refused. */
    public Object decode(String codecId, byte[] bytes, List<String> allowedClasses)
            throws IOException {
        if (CANONICAL_ID.equals(codecId)) {
            return CanonicalCodec.decode(bytes, allowedClasses);
        }
        if (SERIALIZATION_ID.equals(codecId)) {
            return SerializationCodec.decode(bytes, allowedClasses);
        }
        for (ValueCodec c : extensions) {
            if (c.id().equals(codecId)) {
                try {
                    return c.decode(bytes);
                } catch (RuntimeException e) {
                    throw new IOException("ValueCodec " + codecId + " failed to decode: " + e, e);
                }
            }
        }
        throw new IOException("no codec with id '" + codecId + "' is available (known: "
                + CANONICAL_ID + ", " + extensionIds() + ", " + SERIALIZATION_ID + ")");
    }

    private static UnencodableValueException unencodable(String type, String canonicalReason,
            String serialReason, Throwable cause) {
        return new UnencodableValueException(type, "cannot cache a return value of type " + type
                + ": the canonical codec declined (" + canonicalReason + "), no ValueCodec"
                + " accepts it, and " + serialReason + ". Fix: return a record, collection or"
                + " JDK value type instead, make " + type + " (and what it holds) Serializable,"
                + " or register a dev.casher.spi.ValueCodec for it in"
                + " META-INF/services/dev.casher.spi.ValueCodec", cause);
    }
}
