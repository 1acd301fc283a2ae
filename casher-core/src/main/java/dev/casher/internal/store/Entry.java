package dev.casher.internal.store;

import dev.casher.internal.record.StreamTag;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one recorded run produced: everything a hit replays. Immutable; stored content-addressed
 * (its id is the digest of its encoding), so an entry never changes once written.
 *
 * @param createdAtMillis when the run finished (epoch ms)
 * @param durationNanos how long the run took: the time a hit saves
 * @param outputs final states of the paths the run changed, in replay order
 * @param streams the captured stdout/stderr bytes, one blob, or {@code null} if nothing was written
 * @param chunks how {@code streams} splits into stream-tagged runs, in write order
 * @param value the encoded return value, or {@code null} (void, or a command)
 * @param exitStatus the command's exit status (0 for Java calls)
 * @param metadata free-form labelled facts for {@code explain} and {@code show} (code digests, key parts)
 */
public record Entry(
        long createdAtMillis,
        long durationNanos,
        List<Output> outputs,
        BlobRef streams,
        List<Chunk> chunks,
        EncodedValue value,
        int exitStatus,
        Map<String, String> metadata) {

    public Entry {
        outputs = List.copyOf(outputs);
        chunks = List.copyOf(chunks);
        metadata = Map.copyOf(metadata);
        long total = 0;
        for (Chunk c : chunks) {
            total += c.length();
        }
        long streamSize = streams == null ? 0 : streams.size();
        if (total != streamSize) {
            throw new IllegalArgumentException("chunks cover " + total + " bytes, streams blob has " + streamSize);
        }
    }

    /** A run of {@code length} bytes of the streams blob that went to {@code stream}. */
    public record Chunk(StreamTag stream, long length) {
        public Chunk {
            Objects.requireNonNull(stream, "stream");
            if (length <= 0) {
                throw new IllegalArgumentException("chunk length must be > 0: " + length);
            }
        }
    }

    /**
     * A return value: which codec wrote it, the blob holding its bytes, and for the
     * {@code Serializable} fallback the class names allowed when reading it back.
     */
    public record EncodedValue(String codec, BlobRef blob, List<String> allowedClasses) {
        public EncodedValue {
            Objects.requireNonNull(codec, "codec");
            Objects.requireNonNull(blob, "blob");
            allowedClasses = List.copyOf(allowedClasses);
        }
    }
}
