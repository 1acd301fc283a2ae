package dev.casher.internal.codec;

import dev.casher.internal.util.Digest;
import java.util.List;
import java.util.Objects;

/**
 * The argument part of an action key: one digest over all arguments, plus per argument its own
 * digest and a short human description (type and abbreviated value or digest), so that
 * {@code explain} and debug logging can say which argument changed. Immutable.
 *
 * @param digest the digest of the whole argument list (format version, count, per-argument
 *     digests in order)
 * @param argumentDigests one digest per argument, in parameter order
 * @param descriptions one short description per argument, in parameter order
 */
public record EncodedArguments(Digest digest, List<Digest> argumentDigests,
        List<String> descriptions) {

    /** Validates and copies the lists. */
    public EncodedArguments {
        Objects.requireNonNull(digest, "digest");
        argumentDigests = List.copyOf(argumentDigests);
        descriptions = List.copyOf(descriptions);
        if (argumentDigests.size() != descriptions.size()) {
            throw new IllegalArgumentException("one description per argument digest expected: "
                    + argumentDigests.size() + " digests, " + descriptions.size()
                    + " descriptions");
        }
    }
}
