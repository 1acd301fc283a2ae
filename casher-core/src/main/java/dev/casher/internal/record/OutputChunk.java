package dev.casher.internal.record;

import java.util.Objects;

/** A run of bytes written to one standard stream; chunks keep the order of the writes. */
public record OutputChunk(StreamTag stream, byte[] bytes) {
    public OutputChunk {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(bytes, "bytes");
    }
}
