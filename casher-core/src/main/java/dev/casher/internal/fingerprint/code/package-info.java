/**
 * The code fingerprint of a cached method: a digest over the normalised bytecode of every
 * application method the cached method can reach, plus the identities of the library jars and
 * the JDK feature version it touches.
 *
 * <p>{@link dev.casher.internal.fingerprint.code.CodeFingerprinter} is the entry point;
 * {@link dev.casher.internal.fingerprint.code.CodeFingerprint} is the value stored with an entry
 * and compared by {@code explain}. The walk reads class files through the owner's class loader
 * with ASM; it never loads or initialises the classes it reads.
 */
package dev.casher.internal.fingerprint.code;
