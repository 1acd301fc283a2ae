package dev.casher.internal.record;

import dev.casher.internal.store.BlobRef;
import dev.casher.internal.store.CacheStore;
import dev.casher.internal.store.Entry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Captured stdout/stderr as an entry keeps them: one blob holding every chunk's bytes in write
 * order, and the stream-tagged lengths that split it again on replay.
 *
 * @param blob the bytes of all chunks, or {@code null} when nothing was written
 * @param chunks the stream and length of each chunk, in order
 */
public record CapturedStreams(BlobRef blob, List<Entry.Chunk> chunks) {
    public CapturedStreams {
        chunks = List.copyOf(chunks);
    }

    /** Stores {@code captured} as one blob. */
    public static CapturedStreams store(CacheStore store, List<OutputChunk> captured) throws IOException {
        if (captured.isEmpty()) {
            return new CapturedStreams(null, List.of());
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<Entry.Chunk> parts = new ArrayList<>(captured.size());
        for (OutputChunk c : captured) {
            all.write(c.bytes(), 0, c.bytes().length);
            parts.add(new Entry.Chunk(c.stream(), c.bytes().length));
        }
        return new CapturedStreams(store.putBytes(all.toByteArray()), parts);
    }
}
