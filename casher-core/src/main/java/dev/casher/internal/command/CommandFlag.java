package dev.casher.internal.command;

/** Switches of one command run that change how the cache is used, not what is recorded. */
public enum CommandFlag {
    /** Run even if a recorded run matches, and replace it (`--refresh`). */
    REFRESH,
    /** Look up and replay, but never store a new run (`--no-store`). */
    NO_STORE,
    /** Store runs that exit with a non-zero status too (`--cache-failures`). */
    CACHE_FAILURES
}
