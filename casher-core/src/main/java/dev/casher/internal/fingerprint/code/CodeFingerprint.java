package dev.casher.internal.fingerprint.code;

import dev.casher.internal.util.Digest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The code version of a cached method: one digest over the normalised bytecode of every
 * application method it can reach, the identities of the libraries it uses and the JDK feature
 * version, plus the parts, so that {@code explain} can name what changed.
 *
 * <p>{@code methods} maps {@code pkg/Cls.name(desc)} to the digest of that method's normalised
 * instructions. Two pseudo-methods per touched class: {@code pkg/Cls.<class>} (supertypes,
 * access, static constant values) and {@code pkg/Cls.<clinit>()V}. A lambda body is keyed by the
 * method creating it and its position, {@code pkg/Cls.run()V/lambda#0(I)I}, never by javac's
 * synthetic name. {@code libraries} maps a stable library name ({@code group:artifact}, a jar's
 * file name, {@value #JDK_LIBRARY}, or {@value #MISSING_PREFIX}{@code pkg/Cls} for a class no
 * loader could find) to its identity ({@code group:artifact:version}, {@code sha256:<hex>},
 * {@code java 17}, {@code absent}).
 *
 * <p>The digest is SHA-256 over this text, in UTF-8:
 * <pre>
 * fingerprint = "casher-code-fingerprint 1\n" methods libraries
 * methods     = *( "m " key " " hex "\n" )
 * libraries   = *( "l " name "=" identity "\n" )
 * </pre>
 * with methods, then libraries, each in key order; the constructor checks it, so a value read
 * back from metadata is verified. Immutable and thread-safe.
 */
public record CodeFingerprint(
        Digest digest, SortedMap<String, Digest> methods, SortedMap<String, String> libraries) {
    /** The library name under which the JDK feature version is recorded. */
    public static final String JDK_LIBRARY = "jdk";
    /** Prefix of the library name recording a class no loader could find. */
    public static final String MISSING_PREFIX = "missing:";

    private static final String HEADER = "casher-code-fingerprint 1\n";
    private static final String META = "code.";
    private static final String META_DIGEST = META + "fingerprint";
    private static final String META_METHOD = META + "m.";
    private static final String META_LIBRARY = META + "lib.";

    /** Validates that {@code digest} is the digest of the parts. */
    public CodeFingerprint {
        Objects.requireNonNull(digest, "digest");
        methods = Collections.unmodifiableSortedMap(new TreeMap<>(methods));
        libraries = Collections.unmodifiableSortedMap(new TreeMap<>(libraries));
        Digest expected = digestOf(methods, libraries);
        if (!expected.equals(digest)) {
            throw new IllegalArgumentException("code fingerprint digest " + digest.shortHex(12)
                    + " does not match its parts (" + expected.shortHex(12) + ")");
        }
    }

    /** A fingerprint of the given parts, computing the digest. */
    public static CodeFingerprint of(Map<String, Digest> methods, Map<String, String> libraries) {
        return new CodeFingerprint(digestOf(methods, libraries), new TreeMap<>(methods),
                new TreeMap<>(libraries));
    }

    private static Digest digestOf(Map<String, Digest> methods, Map<String, String> libraries) {
        MessageDigest md = Digest.sha256();
        StringBuilder text = new StringBuilder(HEADER);
        new TreeMap<>(methods).forEach((k, v) ->
                text.append("m ").append(k).append(' ').append(v.hex()).append('\n'));
        new TreeMap<>(libraries).forEach((k, v) ->
                text.append("l ").append(k).append('=').append(v).append('\n'));
        md.update(text.toString().getBytes(StandardCharsets.UTF_8));
        return Digest.finish(md);
    }

    /**
     * Human-readable differences from {@code previous}, one per line, sorted: {@code changed: },
     * {@code added: } and {@code removed: } followed by a method key, and
     * {@code library changed: name old -> new}, {@code library added: name identity},
     * {@code library removed: name identity}. Empty when the digests are equal.
     */
    public List<String> describeChanges(CodeFingerprint previous) {
        List<String> lines = new ArrayList<>();
        if (digest.equals(previous.digest)) {
            return lines;
        }
        for (String key : union(methods.keySet(), previous.methods.keySet())) {
            Digest now = methods.get(key);
            Digest before = previous.methods.get(key);
            if (before == null) {
                lines.add("added: " + key);
            } else if (now == null) {
                lines.add("removed: " + key);
            } else if (!now.equals(before)) {
                lines.add("changed: " + key);
            }
        }
        for (String name : union(libraries.keySet(), previous.libraries.keySet())) {
            String now = libraries.get(name);
            String before = previous.libraries.get(name);
            if (before == null) {
                lines.add("library added: " + name + " " + now);
            } else if (now == null) {
                lines.add("library removed: " + name + " " + before);
            } else if (!now.equals(before)) {
                lines.add("library changed: " + name + " " + before + " -> " + now);
            }
        }
        return lines;
    }

    private static TreeSet<String> union(Set<String> a, Set<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * This fingerprint as entry metadata: {@code code.fingerprint} = digest hex,
     * {@code code.m.<key>} = method digest hex, {@code code.lib.<name>} = identity.
     */
    public Map<String, String> toMetadata() {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(META_DIGEST, digest.hex());
        methods.forEach((k, v) -> meta.put(META_METHOD + k, v.hex()));
        libraries.forEach((k, v) -> meta.put(META_LIBRARY + k, v));
        return meta;
    }

    /**
     * Reads back {@link #toMetadata()}; keys not starting with {@code code.} are ignored, so an
     * entry's whole metadata map can be passed.
     *
     * @throws IllegalArgumentException if the digest is absent, malformed or does not match
     */
    public static CodeFingerprint fromMetadata(Map<String, String> metadata) {
        String hex = metadata.get(META_DIGEST);
        if (hex == null) {
            throw new IllegalArgumentException("metadata has no " + META_DIGEST);
        }
        SortedMap<String, Digest> methods = new TreeMap<>();
        SortedMap<String, String> libraries = new TreeMap<>();
        metadata.forEach((k, v) -> {
            if (k.startsWith(META_METHOD)) {
                methods.put(k.substring(META_METHOD.length()), Digest.parse(v));
            } else if (k.startsWith(META_LIBRARY)) {
                libraries.put(k.substring(META_LIBRARY.length()), v);
            }
        });
        return new CodeFingerprint(Digest.parse(hex), methods, libraries);
    }
}
