package dev.casher.internal.call;

import dev.casher.internal.lookup.InputSet;
import dev.casher.internal.lookup.InputStates;
import dev.casher.internal.store.CacheStore;
import dev.casher.internal.store.CorruptCacheException;
import dev.casher.internal.store.Entry;
import dev.casher.internal.store.Manifest;
import dev.casher.internal.util.Digest;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lookup step (two-phase): the action key names a manifest of candidate input sets, newest
 * first; the first candidate whose recorded input states all still hold is a hit.
 *
 * <p>A hot tier in memory keeps, per key, the last candidate that hit or was stored, with its
 * entry. Entries are immutable and content-addressed, so a remembered entry is exactly what the
 * store holds; its input states are still checked on every lookup through the stat fast path, so
 * a hot hit costs a few {@code stat}s. A candidate whose recorded states differ from the present
 * only by what its own entry restores still matches ({@link OwnOutputs}). Damaged entries are dropped from the manifest and count as
 * a miss. Shared by the in-process call path and the command path. Thread-safe.
 */
public final class LookupStep {
    private static final int HOT_LIMIT = 4096;
    /** Values up to this size stay in memory with their entry, so a hot hit reads no file. */
    static final int HOT_VALUE_LIMIT = 256 << 10;

    private record Hot(InputSet inputs, Digest entryId, Entry entry, byte[] value) {}

    private final ConcurrentHashMap<Digest, Hot> hot = new ConcurrentHashMap<>();

    /** Looks up the recorded runs of {@code key}; never throws. */
    public LookupResult lookup(Digest key, CacheStore store, InputStates states, Warnings warnings) {
        Hot h = hot.get(key);
        if (h != null && holds(h, states)) {
            return new LookupResult.Hit(h.entryId, h.entry, h.inputs, h.value);
        }
        Manifest m;
        try {
            m = store.readManifest(key);
        } catch (CorruptCacheException e) {
            warnings.once("corrupt-manifest:" + key, "damaged manifest dropped (" + e.getMessage() + ")");
            removeManifest(store, key);
            return new LookupResult.Miss(null);
        } catch (IOException e) {
            return new LookupResult.Bypass(java.util.List.of("cache unreadable: " + e.getMessage()));
        }
        String firstChanged = null;
        for (Manifest.Candidate c : m.candidates()) {
            String mismatch = states.firstMismatch(c.inputs());
            if (mismatch != null && !OwnOutputs.excusable(c.inputs().states().get(mismatch))) {
                if (firstChanged == null) {
                    firstChanged = mismatch;
                }
                continue;
            }
            Entry e = readEntry(store, key, c.entry(), warnings);
            if (e != null && mismatch != null && !OwnOutputs.matches(c.inputs(), e, states)) {
                if (firstChanged == null) {
                    firstChanged = mismatch;
                }
                continue;
            }
            if (e != null) {
                return new LookupResult.Hit(c.entry(), e, c.inputs(), null);
            }
        }
        return new LookupResult.Miss(firstChanged);
    }

    private static boolean holds(Hot h, InputStates states) {
        String mismatch = states.firstMismatch(h.inputs);
        return mismatch == null || OwnOutputs.excusable(h.inputs.states().get(mismatch))
                && OwnOutputs.matches(h.inputs, h.entry, states);
    }

    /**
     * Remembers a stored or replayed candidate in the hot tier, with its encoded value when small
     * ({@code value} may be {@code null}). Values are content-addressed, so the bytes kept are
     * exactly the blob's.
     */
    public void remember(Digest key, InputSet inputs, Digest entryId, Entry entry, byte[] value) {
        if (hot.size() >= HOT_LIMIT) {
            hot.clear();
        }
        byte[] kept = value != null && value.length <= HOT_VALUE_LIMIT ? value : null;
        hot.put(key, new Hot(inputs, entryId, entry, kept));
    }

    /** Forgets a key (its entry failed to replay, or the cache was cleared). */
    public void forget(Digest key) {
        hot.remove(key);
    }

    /** Forgets everything. */
    public void clear() {
        hot.clear();
    }

    private static Entry readEntry(CacheStore store, Digest key, Digest id, Warnings warnings) {
        try {
            Entry e = store.readEntry(id);
            if (e == null) {
                store.removeCandidate(key, id);
            }
            return e;
        } catch (IOException e) {
            warnings.once("corrupt-entry:" + id, "damaged cache entry " + id.shortHex(12)
                    + " dropped; the call runs again (" + e.getMessage() + ")");
            try {
                store.removeCandidate(key, id);
            } catch (IOException ignored) {
                // Dropping is best effort: the damaged entry fails its checksum on every read anyway.
            }
            return null;
        }
    }

    private static void removeManifest(CacheStore store, Digest key) {
        try {
            store.removeManifest(key);
        } catch (IOException ignored) {
            // Best effort: a damaged manifest keeps failing its checksum and stays a miss.
        }
    }
}
