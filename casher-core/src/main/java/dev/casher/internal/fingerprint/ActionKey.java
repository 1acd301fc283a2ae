package dev.casher.internal.fingerprint;

import dev.casher.internal.util.Digest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The identity of an action: a digest over ordered, labelled parts (format version, function or
 * command, code, arguments, declared environment, platform). Names the manifest in the store.
 * Every part keeps a printable form, so a miss can be explained part by part.
 */
public record ActionKey(Digest digest, List<Part> parts) {
    /** Version of the key derivation; bump it when the meaning of any part changes. */
    public static final String FORMAT = "casher-action/1";

    public ActionKey {
        Objects.requireNonNull(digest, "digest");
        parts = List.copyOf(parts);
    }

    /**
     * One labelled part of a key: what it is ({@code label}), how it reads ({@code display}) and
     * the exact bytes that went into the digest.
     */
    public record Part(String label, String display, byte[] value) {
        public Part {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(display, "display");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Part p && label.equals(p.label) && java.util.Arrays.equals(value, p.value);
        }

        @Override
        public int hashCode() {
            return label.hashCode() * 31 + java.util.Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return label + " = " + display;
        }
    }

    /** The key, one {@code label = display} line per part. */
    public String describe() {
        StringBuilder sb = new StringBuilder("action key ").append(digest.shortHex(16)).append('\n');
        for (Part p : parts) {
            sb.append("  ").append(p).append('\n');
        }
        return sb.toString();
    }

    /** Builds a key from parts in order; each part's label and value are length-prefixed. */
    public static final class Builder {
        private final List<Part> parts = new ArrayList<>();

        /** Starts with the format version part. */
        public Builder() {
            add("format", FORMAT);
        }

        /** Adds a text part; its bytes are its UTF-8 encoding. */
        public Builder add(String label, String value) {
            return add(label, value, value.getBytes(StandardCharsets.UTF_8));
        }

        /** Adds a part whose value is a digest. */
        public Builder add(String label, String display, Digest value) {
            return add(label, display, value.bytes());
        }

        /** Adds a part. */
        public Builder add(String label, String display, byte[] value) {
            parts.add(new Part(label, display, value.clone()));
            return this;
        }

        /** The key. */
        public ActionKey build() {
            MessageDigest md = Digest.lightSha256();
            for (Part p : parts) {
                byte[] l = p.label().getBytes(StandardCharsets.UTF_8);
                md.update(ByteBuffer.allocate(4).putInt(l.length).array());
                md.update(l);
                md.update(ByteBuffer.allocate(4).putInt(p.value().length).array());
                md.update(p.value());
            }
            return new ActionKey(Digest.finish(md), parts);
        }
    }
}
