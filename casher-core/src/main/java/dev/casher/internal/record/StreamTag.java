package dev.casher.internal.record;

/** Which standard stream a captured chunk of output was written to. */
public enum StreamTag {
    STDOUT,
    STDERR
}
