package dev.casher;

/**
 * A cached function of 5 arguments, made by {@link Casher#wrap}: the first call with
 * given arguments runs and records; later calls replay the result, output and files while the
 * inputs are unchanged. Exceptions of the function propagate unchanged (and are not cached).
 * Thread-safe: concurrent calls with the same key compute once.
 */
@FunctionalInterface
public interface CachedFunction5<A, B, C, D, E, R> {
    /** Calls the function through the cache. */
    R apply(A a, B b, C c, D d, E e);

    /**
     * {@link #apply}, declaring the checked exceptions the function may throw, so that
     * {@code catch (IOException e)} around the call compiles. {@code apply} throws them too, but
     * undeclared.
     *
     * @return the function's result (replayed on a hit)
     * @throws Exception whatever the function threw, unchanged
     */
    default R call(A a, B b, C c, D d, E e) throws Exception {
        return apply(a, b, c, d, e);
    }
}
