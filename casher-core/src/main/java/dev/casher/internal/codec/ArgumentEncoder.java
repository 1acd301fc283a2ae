package dev.casher.internal.codec;

import dev.casher.CasherException;
import dev.casher.internal.lookup.FileDigester;
import dev.casher.internal.util.Digest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Encodes call arguments canonically into the argument part of the action key. Thread-safe (each
 * call walks its arguments with its own state).
 *
 * <p>Encoding is by value and stable across JVM runs: it never uses identity hash codes or hash
 * iteration order. Supported: {@code null}; primitives and their boxes, tagged by type so that
 * {@code 1}, {@code 1L} and {@code 1.0} differ (floating point through
 * {@code doubleToLongBits}/{@code floatToIntBits}: every NaN is one value, {@code -0.0 != 0.0},
 * as {@code equals} says); {@code String} (UTF-16 units, so unpaired surrogates stay distinct);
 * {@code char}; all arrays (element type included); enums (class and name); records (class and
 * components in order); {@code List} and {@code Deque} (ordered; {@code ArrayList} and
 * {@code List.of} are the same); {@code Set} and {@code Map} (order ignored: element/entry
 * encodings are hashed and sorted); {@code Optional*}; {@code BigInteger}; {@code BigDecimal}
 * (scale kept: {@code 1.0 != 1.00}); {@code java.time} values; {@code UUID}; {@code URI};
 * {@code Path}/{@code File} (absolute normalised path, plus the content digest when it names a
 * regular file; a directory or absent path by its path alone); any {@link dev.casher.CacheKey}
 * (class name and the encoding of {@code cacheKey()}, which wins over every rule above).
 * Parameter names are not part of the key (positions are), so renaming a parameter keeps hits.
 *
 * <p>Failure: anything else, a cycle, or nesting deeper than 256 levels throws
 * {@link CasherException} with this exact shape (argument positions count from 1, element
 * indices from 0 as in {@code get(i)}):
 *
 * <pre>
 * cannot fingerprint argument 2 'model' of type com.x.Model: casher cannot key values of this
 * type. Fix: implement dev.casher.CacheKey on this type or on the type that holds the value
 * (cacheKey() returns a value that identifies it), pass a value of a supported type (primitives,
 * String, enums, records, collections, arrays, Optional, BigDecimal, java.time, UUID, URI,
 * Path/File), or keep the value out of the cached call's arguments (pass what identifies it,
 * and obtain the rest inside the call)
 * </pre>
 *
 * followed, when the parameter's name was not compiled in (no {@code javac -parameters}), by a
 * note that names show as {@code arg0}, {@code arg1}...
 *
 * (one line). Nested culprits show their path: {@code argument 1 'cfg' → field 'opts' → element
 * 3 of type java.lang.Thread}. A file argument that cannot be read (or changes while it is
 * hashed) throws {@link UnreadableArgumentException}, a {@code CasherException} subclass that
 * callers should treat as "run plainly", not as a usage error.
 */
public final class ArgumentEncoder {
    /** Version of the argument encoding; part of every argument digest. */
    public static final String FORMAT = "casher-args/2";

    private static final byte[] FORMAT_BYTES = FORMAT.getBytes(StandardCharsets.US_ASCII);

    private final FileDigester digester;

    /** An encoder that digests file arguments through {@code digester}. */
    public ArgumentEncoder(FileDigester digester) {
        this.digester = Objects.requireNonNull(digester, "digester");
    }

    /**
     * Encodes {@code args} (may be {@code null}: no arguments). {@code parameterNames} may be
     * {@code null}, shorter than {@code args} or contain {@code null}s; missing names become
     * {@code arg0}, {@code arg1}... and only appear in messages.
     */
    public EncodedArguments encode(Object[] args, String[] parameterNames) {
        Object[] a = args == null ? new Object[0] : args;
        MessageDigest total = KeyWalk.newDigest();
        total.update(FORMAT_BYTES);
        total.update(intBytes(a.length));
        List<Digest> digests = new ArrayList<>(a.length);
        List<String> descriptions = new ArrayList<>(a.length);
        KeyWalk walk = new KeyWalk(digester);
        MessageDigest md = KeyWalk.newDigest(); // reset by every finish
        for (int i = 0; i < a.length; i++) {
            walk.aboutArgument(i, parameterNames).write(a[i], md);
            Digest d = Digest.finish(md);
            d.updateInto(total);
            digests.add(d);
            descriptions.add(ArgumentDescriptions.describe(a[i], d));
        }
        return new EncodedArguments(Digest.finish(total), digests, descriptions);
    }

    /**
     * Feeds the canonical encoding of {@code value} into {@code into}, for values that are key
     * parts without being arguments (captured lambda values, declared key parts). {@code what}
     * names the value in error messages (e.g. {@code "captured value 1 of Train::fit"}); it is
     * not fed into the digest, so the caller labels the part.
     */
    public void encodeValue(Object value, String what, MessageDigest into) {
        new KeyWalk(digester).about(what).write(value, into);
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
