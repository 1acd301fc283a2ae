package dev.casher.internal.store;

import dev.casher.internal.util.Digest;
import java.time.Instant;
import java.util.Objects;

/**
 * One manifest as {@code casher ls} shows it.
 *
 * @param actionKey the action key it belongs to
 * @param manifest its candidates, newest first
 * @param bytes size of the manifest file
 * @param lastUsed when a candidate was last added or hit
 */
public record ManifestInfo(Digest actionKey, Manifest manifest, long bytes, Instant lastUsed) {
    public ManifestInfo {
        Objects.requireNonNull(actionKey, "actionKey");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(lastUsed, "lastUsed");
    }
}
