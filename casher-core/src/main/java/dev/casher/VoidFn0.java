package dev.casher;

import java.io.Serializable;

/**
 * A procedure of no arguments that casher can cache for its side effects (output, files):
 * serializable, so that a lambda or method reference reveals which method it runs.
 */
@FunctionalInterface
public interface VoidFn0 extends Serializable {
    /** Runs the procedure. */
    void run() throws Exception;
}
