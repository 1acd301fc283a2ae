package dev.casher.internal.fingerprint.code;

import dev.casher.internal.util.Digest;
import java.util.List;
import java.util.Objects;

/**
 * One parsed method: its access flags, the digest of its normalised instructions and what it
 * refers to. Library and JDK methods are parsed without code: their digest is {@link #NO_CODE}
 * and they have no refs.
 *
 * <p>Immutable value.
 */
record MethodInfo(int access, Digest digest, List<Ref> refs) {
    /** Digest given to methods whose code is not read. */
    static final Digest NO_CODE = Digest.ofString("casher:no-code");

    MethodInfo {
        Objects.requireNonNull(digest, "digest");
        refs = List.copyOf(refs);
    }
}
