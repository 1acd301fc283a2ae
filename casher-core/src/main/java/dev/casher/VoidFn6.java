package dev.casher;

import java.io.Serializable;

/**
 * A procedure of 6 arguments that casher can cache for its side effects (output, files):
 * serializable, so that a lambda or method reference reveals which method it runs.
 */
@FunctionalInterface
public interface VoidFn6<A, B, C, D, E, F> extends Serializable {
    /** Runs the procedure. */
    void run(A a, B b, C c, D d, E e, F f) throws Exception;
}
