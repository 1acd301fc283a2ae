package dev.casher;

import java.io.Serializable;

/**
 * A procedure of 2 arguments that casher can cache for its side effects (output, files):
 * serializable, so that a lambda or method reference reveals which method it runs.
 */
@FunctionalInterface
public interface VoidFn2<A, B> extends Serializable {
    /** Runs the procedure. */
    void run(A a, B b) throws Exception;
}
