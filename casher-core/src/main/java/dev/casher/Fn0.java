package dev.casher;

import java.io.Serializable;

/**
 * A function of 0 arguments that casher can cache: serializable, so that a lambda or
 * method reference reveals which method it runs. May throw any exception; it propagates unchanged.
 */
@FunctionalInterface
public interface Fn0<R> extends Serializable {
    /** Runs the function. */
    R apply() throws Exception;
}
