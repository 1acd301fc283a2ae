package dev.casher;

/** What stands for the cached method's code in the cache key. */
public enum CodeKey {
    /**
     * A digest of the bytecode of everything the method can reach in application code (debug
     * information excluded), libraries by identity. Edit what the method can run: it re-runs.
     */
    BYTECODE,
    /**
     * Only the declared {@link Cached#version()}: bump it by hand when behaviour changes. Faster to
     * compute, but forgetting to bump it replays stale results.
     */
    VERSION,
    /** Code changes never invalidate. Only for code that is known to be frozen. */
    IGNORE
}
