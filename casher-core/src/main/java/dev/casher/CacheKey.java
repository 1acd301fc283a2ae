package dev.casher;

/**
 * Implemented by types that casher cannot fingerprint on its own, to say which value stands for
 * them in the cache key. The returned value is encoded like any argument (strings, numbers,
 * records, collections, other {@code CacheKey}s...), so two objects with equal keys are treated
 * as the same argument.
 *
 * <pre>{@code
 * record Model(String name, int version, float[] weights) implements CacheKey {
 *     public Object cacheKey() { return List.of(name, version); } // they identify the weights
 * }
 * }</pre>
 */
public interface CacheKey {
    /** The value that identifies this object for caching; must be deterministic. */
    Object cacheKey();
}
