/**
 * The local cache directory: content-addressed blobs, content-addressed entries, manifests keyed
 * by action key, the persistent stat cache, stats counters, per-key locks and LRU eviction.
 *
 * <p>{@link dev.casher.internal.store.LocalStore} is the one implementation of
 * {@link dev.casher.internal.store.CacheStore}; every on-disk format is described as a grammar in
 * the class that owns it and in {@code docs/FORMAT.md}.
 */
package dev.casher.internal.store;
