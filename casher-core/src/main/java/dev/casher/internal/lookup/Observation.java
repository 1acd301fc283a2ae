package dev.casher.internal.lookup;

/** What a call learned from an input path, which decides the state recorded for it. */
public enum Observation {
    /** Read or executed it: its content matters. */
    CONTENT,
    /** Listed it: the names in it matter. */
    LISTING,
    /** Only checked whether it exists and what it is. */
    EXISTENCE
}
