package dev.casher;

import java.io.Serializable;

/**
 * A function of 1 argument that casher can cache: serializable, so that a lambda or
 * method reference reveals which method it runs. May throw any exception; it propagates unchanged.
 */
@FunctionalInterface
public interface Fn1<A, R> extends Serializable {
    /** Runs the function. */
    R apply(A a) throws Exception;
}
