package dev.casher;

import java.io.Serializable;

/**
 * A procedure of 4 arguments that casher can cache for its side effects (output, files):
 * serializable, so that a lambda or method reference reveals which method it runs.
 */
@FunctionalInterface
public interface VoidFn4<A, B, C, D> extends Serializable {
    /** Runs the procedure. */
    void run(A a, B b, C c, D d) throws Exception;
}
