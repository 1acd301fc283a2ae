package dev.casher.internal.store;

/** Whether the store forces its writes to disk before renaming them into place. */
public enum Durability {
    /**
     * No fsync (default): a power loss may lose recent writes, but rename keeps every file either
     * absent or whole, and every read is verified, so a lost write is a miss, never a wrong read.
     */
    FAST,
    /** fsync each file before its rename: slower writes, recent entries survive a power loss. */
    FSYNC
}
