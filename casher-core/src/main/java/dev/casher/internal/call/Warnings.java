package dev.casher.internal.call;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import dev.casher.internal.util.CasherLog;
import java.util.function.Consumer;

/**
 * One warning per cause: a cache that fails on every call must say so once, clearly, and not
 * flood the user's log. Messages go to {@link CasherLog} by default (SLF4J at WARN, or stderr with
 * a {@code casher:} prefix when no provider is bound), or to a given sink (the CLI prints them on
 * stderr). Thread-safe.
 */
public final class Warnings {
    private final Set<String> said = ConcurrentHashMap.newKeySet();
    private final Consumer<String> sink;

    /** Warnings logged through {@link CasherLog}. */
    public Warnings() {
        this(CasherLog::warn);
    }

    /** Warnings handed to {@code sink} (the message has no {@code casher:} prefix). */
    public Warnings(Consumer<String> sink) {
        this.sink = sink;
    }

    /** Says {@code message} the first time {@code cause} is seen; true if it said it. */
    public boolean once(String cause, String message) {
        if (said.add(cause)) {
            sink.accept(message);
            return true;
        }
        return false;
    }

    /** Forgets what was said (after reconfiguration). */
    public void reset() {
        said.clear();
    }
}
