package dev.casher.spi;

/**
 * Discovers the file I/O of in-process cached calls: reports events for the current thread
 * through {@code dev.casher.internal.record.CallContext}. Found through
 * {@link java.util.ServiceLoader}; the casher agent provides one.
 */
public interface InputTracker {
    /** A short name for logs ("agent"). */
    String name();

    /**
     * Installs the tracker in this JVM if it is not already (idempotent, thread-safe) and proves
     * it works (a probe read must produce an event). Throws with a clear message otherwise; the
     * caller then runs calls with declarations only and says so once.
     */
    void install() throws Exception;
}
