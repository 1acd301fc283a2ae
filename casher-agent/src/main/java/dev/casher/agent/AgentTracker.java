package dev.casher.agent;

import dev.casher.spi.InputTracker;

/**
 * The {@link InputTracker} the casher agent provides (registered for
 * {@link java.util.ServiceLoader}): {@link #install()} installs {@link CasherAgent}, attaching
 * to the running JVM if it was not started with {@code -javaagent}. Thread-safe, idempotent.
 */
public final class AgentTracker implements InputTracker {
    /** Creates the tracker; does nothing until {@link #install()}. */
    public AgentTracker() {}

    @Override
    public String name() {
        return "agent";
    }

    @Override
    public void install() {
        CasherAgent.install();
    }
}
