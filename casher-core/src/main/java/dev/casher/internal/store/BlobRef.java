package dev.casher.internal.store;

import dev.casher.internal.util.Digest;
import java.util.Objects;

/**
 * A reference to a blob in the content-addressed store: its SHA-256 address, its size, and a
 * CRC32C of its content. The CRC32C (JDK intrinsic, many GB/s) verifies a blob on every read or
 * restore without paying for SHA-256 again; the SHA-256 is the identity.
 */
public record BlobRef(Digest digest, long size, int crc32c) {
    public BlobRef {
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new IllegalArgumentException("size < 0: " + size);
        }
    }

    // Written out, not generated: generated record methods bootstrap through method handles at
    // first use, tens of ms of every short-lived CLI process (a hit dedups its blobs).
    @Override
    public boolean equals(Object o) {
        return o instanceof BlobRef b && size == b.size && crc32c == b.crc32c && digest.equals(b.digest);
    }

    @Override
    public int hashCode() {
        return digest.hashCode() * 31 + Long.hashCode(size) * 7 + crc32c;
    }
}
