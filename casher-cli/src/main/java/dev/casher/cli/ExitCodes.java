package dev.casher.cli;

import dev.casher.CasherException;

/**
 * The one place that maps casher's own failures to exit codes. A cached command's own exit
 * status is passed through unchanged and never comes here.
 */
final class ExitCodes {
    /** Success. */
    static final int OK = 0;
    /** A check found problems ({@code verify} without {@code --repair}). */
    static final int PROBLEMS = 1;
    /** Bad command line or invalid setting. */
    static final int USAGE = 2;
    /** The cache could not be read or written for a subcommand. */
    static final int IO = 74;
    /** A bug in casher. */
    static final int SOFTWARE = 70;

    private ExitCodes() {}

    /** The exit code for a failure, after printing one {@code casher:} line about it. */
    static int report(Throwable t, java.io.PrintStream err) {
        if (t instanceof UsageException || t instanceof CasherException) {
            err.println("casher: " + t.getMessage());
            if (t instanceof UsageException) {
                err.println("Usage: casher [OPTIONS] -- COMMAND [ARGS...]   (see casher --help)");
            }
            return USAGE;
        }
        if (t instanceof java.io.IOException || t instanceof java.io.UncheckedIOException) {
            err.println("casher: cache error: " + t.getMessage());
            return IO;
        }
        err.println("casher: internal error: " + t);
        t.printStackTrace(err);
        return SOFTWARE;
    }
}
