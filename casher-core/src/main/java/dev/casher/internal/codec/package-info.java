/**
 * Canonical encodings of values: {@link dev.casher.internal.codec.ArgumentEncoder} turns call
 * arguments into the argument part of the action key (deterministic across JVM runs, set and map
 * order ignored, file arguments keyed by content); {@link dev.casher.internal.codec.ValueCodecs}
 * turns return values into bytes and back (canonical codec, user {@code ValueCodec}s found by
 * {@link java.util.ServiceLoader}, and Java serialization guarded by a per-entry class
 * allow-list).
 */
package dev.casher.internal.codec;
