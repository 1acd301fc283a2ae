package dev.casher;

import java.io.Serializable;

/**
 * A procedure of 5 arguments that casher can cache for its side effects (output, files):
 * serializable, so that a lambda or method reference reveals which method it runs.
 */
@FunctionalInterface
public interface VoidFn5<A, B, C, D, E> extends Serializable {
    /** Runs the procedure. */
    void run(A a, B b, C c, D d, E e) throws Exception;
}
