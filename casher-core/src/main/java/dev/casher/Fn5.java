package dev.casher;

import java.io.Serializable;

/**
 * A function of 5 arguments that casher can cache: serializable, so that a lambda or
 * method reference reveals which method it runs. May throw any exception; it propagates unchanged.
 */
@FunctionalInterface
public interface Fn5<A, B, C, D, E, R> extends Serializable {
    /** Runs the function. */
    R apply(A a, B b, C c, D d, E e) throws Exception;
}
