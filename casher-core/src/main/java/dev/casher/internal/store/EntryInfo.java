package dev.casher.internal.store;

import dev.casher.internal.util.Digest;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry as {@code casher ls} shows it.
 *
 * @param id the entry id
 * @param bytes the entry file plus every blob it references (shared blobs counted in each)
 * @param lastUsed when it was stored or last replayed (its LRU mark, throttled to ~10 minutes)
 * @param createdAtMillis when the recorded run finished
 */
public record EntryInfo(Digest id, long bytes, Instant lastUsed, long createdAtMillis) {
    public EntryInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(lastUsed, "lastUsed");
    }
}
