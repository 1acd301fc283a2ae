package dev.casher.internal.call;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One warning per cause: a cache that fails on every call must say so once, clearly, and not
 * flood the user's log. Thread-safe.
 */
public final class Warnings {
    private static final Logger LOG = LoggerFactory.getLogger("dev.casher");
    private final Set<String> said = ConcurrentHashMap.newKeySet();

    /** Logs {@code message} at WARN the first time {@code cause} is seen; true if it logged. */
    public boolean once(String cause, String message) {
        if (said.add(cause)) {
            LOG.warn("casher: {}", message);
            return true;
        }
        return false;
    }

    /** Forgets what was said (after reconfiguration). */
    public void reset() {
        said.clear();
    }
}
