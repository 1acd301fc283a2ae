package dev.casher.internal.command;

import java.util.Objects;

/**
 * What happened to one command: how the cache was used, the exit status to exit with, and the
 * reason shown to the user. Immutable.
 *
 * @param kind how the cache was used
 * @param exitStatus the command's exit status (replayed on a hit)
 * @param reason why (a miss's changed input, why a run was not stored, why the cache was bypassed)
 */
public record CommandOutcome(Kind kind, int exitStatus, String reason) {
    public CommandOutcome {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    /** How the cache was used. */
    public enum Kind {
        /** Replayed from a recorded run. */
        HIT,
        /** Ran under the tracer and stored. */
        STORED,
        /** Ran under the tracer, not stored (failure, {@code --no-store}, uncacheable). */
        NOT_STORED,
        /** Ran without the cache (no strace, terminal stdin, unusable cache). */
        BYPASS,
        /** The command does not exist (exit status 127); nothing ran. */
        NOT_FOUND
    }
}
