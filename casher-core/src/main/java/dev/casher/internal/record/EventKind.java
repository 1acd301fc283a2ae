package dev.casher.internal.record;

/**
 * What a call did to a path. Trackers (the agent, strace, declarations) report these; the
 * {@link Classifier} turns the per-path sequence into inputs and outputs.
 */
public enum EventKind {
    /** Opened for reading, mapped, or read as a zip/jar. */
    READ(true),
    /** Looked up and found absent (ENOENT on open, stat, access, readlink). */
    PROBE_MISSING(true),
    /** Listed a directory (getdents, DirectoryStream, File.list). */
    LIST_DIR(true),
    /** Read metadata of an existing path (stat, exists, isDirectory, size). */
    STAT(true),
    /** Executed as a program or script, or loaded as a shared library. */
    EXEC(true),
    /** Opened for writing a file that already existed (or whose prior existence is unknown). */
    WRITE(false),
    /** Created a file that did not exist before. */
    CREATE(false),
    /** Created a directory. */
    MKDIR(false),
    /** Deleted a file or an empty directory. */
    DELETE(false),
    /** The source of a rename: after it, the path is gone. */
    RENAME_FROM(false),
    /** The target of a rename: after it, the path holds what the source held. */
    RENAME_TO(false),
    /**
     * Opened for writing without creating, successfully: proves the path existed before, as
     * something other than a directory. Reported only by trackers that see the open's flags
     * (strace). Last, so that the other constants keep the ordinals the agent's hooks use.
     */
    OPENED_EXISTING(true);

    private final boolean observes;

    EventKind(boolean observes) {
        this.observes = observes;
    }

    /** Whether the call learned something from the path's state (an input candidate). */
    public boolean observes() {
        return observes;
    }

    /** Whether the call changed the path (an output candidate). */
    public boolean mutates() {
        return !observes;
    }
}
