package dev.casher.internal.store;

import java.io.IOException;

/** A cache file that is missing, truncated or fails its checksum. Callers treat it as a miss. */
public final class CorruptCacheException extends IOException {
    private static final long serialVersionUID = 1L;

    public CorruptCacheException(String message) {
        super(message);
    }

    public CorruptCacheException(String message, Throwable cause) {
        super(message, cause);
    }
}
