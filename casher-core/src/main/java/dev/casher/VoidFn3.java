package dev.casher;

import java.io.Serializable;

/**
 * A procedure of 3 arguments that casher can cache for its side effects (output, files):
 * serializable, so that a lambda or method reference reveals which method it runs.
 */
@FunctionalInterface
public interface VoidFn3<A, B, C> extends Serializable {
    /** Runs the procedure. */
    void run(A a, B b, C c) throws Exception;
}
