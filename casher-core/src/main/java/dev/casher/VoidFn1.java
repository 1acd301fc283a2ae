package dev.casher;

import java.io.Serializable;

/**
 * A procedure of 1 argument that casher can cache for its side effects (output, files):
 * serializable, so that a lambda or method reference reveals which method it runs.
 */
@FunctionalInterface
public interface VoidFn1<A> extends Serializable {
    /** Runs the procedure. */
    void run(A a) throws Exception;
}
