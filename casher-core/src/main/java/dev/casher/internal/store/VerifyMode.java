package dev.casher.internal.store;

/** What {@link LocalStore#verify} does with damaged or dangling items. */
public enum VerifyMode {
    /** Only report them. */
    REPORT,
    /** Report and remove them (blobs, entries, manifests, and candidates of missing entries). */
    REPAIR
}
