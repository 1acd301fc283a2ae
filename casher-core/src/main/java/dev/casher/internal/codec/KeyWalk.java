package dev.casher.internal.codec;

import dev.casher.CacheKey;
import dev.casher.CasherException;
import dev.casher.internal.lookup.FileDigester;
import dev.casher.internal.util.Digest;
import dev.casher.internal.util.FileStat;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * One walk of {@link ArgumentEncoder} over a value: writes the tagged, self-delimiting encoding
 * into a digest. Not thread-safe; one instance per argument.
 *
 * <p>Every encoding starts with a tag byte and carries its own lengths, so encodings are
 * prefix-free and concatenating them (record components, map entries) stays unambiguous.
 */
final class KeyWalk {
    private static final byte NULL = 0;
    private static final byte BOOLEAN = 1;
    private static final byte BYTE = 2;
    private static final byte SHORT = 3;
    private static final byte CHAR = 4;
    private static final byte INT = 5;
    private static final byte LONG = 6;
    private static final byte FLOAT = 7;
    private static final byte DOUBLE = 8;
    private static final byte STRING = 9;
    private static final byte PRIMITIVE_ARRAY = 10;
    private static final byte OBJECT_ARRAY = 11;
    private static final byte ENUM = 12;
    private static final byte RECORD = 13;
    private static final byte SEQUENCE = 14;
    private static final byte SET = 15;
    private static final byte MAP = 16;
    private static final byte OPTIONAL = 17;
    private static final byte BIG_INTEGER = 18;
    private static final byte BIG_DECIMAL = 19;
    private static final byte TIME = 20;
    private static final byte UUID_VALUE = 21;
    private static final byte URI_VALUE = 22;
    private static final byte PATH = 23;
    private static final byte FILE = 24;
    private static final byte CACHE_KEY = 25;
    private static final byte ORDERED_SET = 26;
    private static final byte ORDERED_MAP = 27;

    private static final byte PATH_REGULAR_FILE = 1;
    private static final byte PATH_DIRECTORY = 2;
    private static final byte PATH_ABSENT = 3;
    private static final byte PATH_OTHER = 4;

    static final int MAX_DEPTH = 256;

    static final String FIX = "Fix: implement dev.casher.CacheKey on this type or on the type"
            + " that holds the value (cacheKey() returns a value that identifies it), pass a value"
            + " of a supported type (primitives, String, enums, records, collections, arrays,"
            + " Optional, BigDecimal, java.time, UUID, URI, Path/File), or keep the value out of the"
            + " cached call's arguments (pass what identifies it, and obtain the rest inside the"
            + " call)";

    static final String NO_NAMES = " (parameters show as arg0, arg1... because the method was"
            + " compiled without javac's -parameters flag)";

    /** Cloned rather than looked up: {@code getInstance} costs a provider search per call. */
    private static final MessageDigest PROTOTYPE = Digest.sha256();

    private final FileDigester digester;
    private final ArrayDeque<String> trail = new ArrayDeque<>();
    private final KeyBytes bytes = new KeyBytes();
    private IdentityHashMap<Object, Boolean> open; // created on the first composite value
    private String what;
    private String[] names;
    private int position;

    KeyWalk(FileDigester digester) {
        this.digester = digester;
    }

    /** Makes the next {@link #write} report errors as "{@code what}". */
    KeyWalk about(String what) {
        this.what = what;
        return this;
    }

    /** Makes the next {@link #write} report errors as argument {@code index} (0-based). */
    KeyWalk aboutArgument(int index, String[] parameterNames) {
        this.what = null;
        this.position = index;
        this.names = parameterNames;
        return this;
    }

    /** A fresh SHA-256 digest. */
    static MessageDigest newDigest() {
        try {
            return (MessageDigest) PROTOTYPE.clone(); // the prototype is never updated
        } catch (CloneNotSupportedException e) {
            return Digest.sha256();
        }
    }

    void write(Object v, MessageDigest md) {
        if (v == null) {
            md.update(NULL);
        } else if (v instanceof String s) {
            md.update(STRING);
            bytes.putString(md, s);
        } else if (v instanceof Integer i) {
            md.update(INT);
            bytes.putInt(md, i);
        } else if (v instanceof Long l) {
            md.update(LONG);
            bytes.putLong(md, l);
        } else if (v instanceof Boolean b) {
            md.update(BOOLEAN);
            md.update((byte) (b ? 1 : 0));
        } else if (v instanceof Double d) {
            md.update(DOUBLE);
            bytes.putLong(md, Double.doubleToLongBits(d));
        } else if (v instanceof Float f) {
            md.update(FLOAT);
            bytes.putInt(md, Float.floatToIntBits(f));
        } else if (v instanceof Character c) {
            md.update(CHAR);
            bytes.putInt(md, c);
        } else if (v instanceof Byte b) {
            md.update(BYTE);
            md.update(b);
        } else if (v instanceof Short s) {
            md.update(SHORT);
            bytes.putInt(md, s);
        } else if (!writeScalar(v, md)) {
            writeComposite(v, md);
        }
    }

    /** Values without nested values; {@code false} if {@code v} is none of them. */
    private boolean writeScalar(Object v, MessageDigest md) {
        if (v instanceof CacheKey) {
            return false; // the user's explicit key wins over every built-in rule
        } else if (v instanceof Enum<?> e) {
            md.update(ENUM);
            bytes.putString(md, e.getDeclaringClass().getName());
            bytes.putString(md, e.name());
        } else if (v instanceof BigDecimal d) {
            md.update(BIG_DECIMAL);
            bytes.putBytes(md, d.unscaledValue().toByteArray());
            bytes.putInt(md, d.scale());
        } else if (v instanceof BigInteger i) {
            md.update(BIG_INTEGER);
            bytes.putBytes(md, i.toByteArray());
        } else if (TimeValues.kindOf(v) != null) {
            md.update(TIME);
            bytes.putString(md, TimeValues.kindOf(v));
            bytes.putString(md, TimeValues.text(v)); // injective for every supported time type
        } else if (v instanceof UUID u) {
            md.update(UUID_VALUE);
            bytes.putLong(md, u.getMostSignificantBits());
            bytes.putLong(md, u.getLeastSignificantBits());
        } else if (v instanceof URI u) {
            md.update(URI_VALUE);
            bytes.putString(md, u.toString());
        } else if (v instanceof Path p) {
            md.update(PATH);
            writePath(v, p, md);
        } else if (v instanceof File f) {
            md.update(FILE);
            Path p;
            try {
                p = f.toPath();
            } catch (InvalidPathException e) {
                throw unsupported(v, "the file name is not a valid path (" + e.getMessage() + ")");
            }
            writePath(v, p, md);
        } else if (v.getClass().isArray() && v.getClass().getComponentType().isPrimitive()) {
            md.update(PRIMITIVE_ARRAY);
            bytes.primitiveArray(v, md);
        } else {
            return false;
        }
        return true;
    }

    private void writeComposite(Object v, MessageDigest md) {
        if (trail.size() >= MAX_DEPTH) {
            throw unsupported(v, "values nest deeper than " + MAX_DEPTH + " levels");
        }
        if (open == null) {
            open = new IdentityHashMap<>();
        }
        if (open.put(v, Boolean.TRUE) != null) {
            throw unsupported(v, "the value contains itself (a cycle)");
        }
        try {
            if (v instanceof CacheKey k) {
                writeCacheKey(k, md);
            } else if (v instanceof Object[] a) {
                md.update(OBJECT_ARRAY);
                bytes.putString(md, a.getClass().getComponentType().getName());
                bytes.putInt(md, a.length);
                for (int i = 0; i < a.length; i++) {
                    nested("element " + i, a[i], md);
                }
            } else if (v instanceof Record r) {
                writeRecord(r, md);
            } else if (v instanceof List<?> || v instanceof Deque<?>) {
                md.update(SEQUENCE);
                Collection<?> c = (Collection<?>) v;
                bytes.putInt(md, c.size());
                int i = 0;
                for (Object e : c) {
                    nested("element " + i++, e, md);
                }
            } else if (v instanceof Set<?> s && isOrdered(s)) {
                md.update(ORDERED_SET);
                bytes.putInt(md, s.size());
                int i = 0;
                for (Object e : s) {
                    nested("element " + i++, e, md);
                }
            } else if (v instanceof Set<?> s) {
                md.update(SET);
                writeSet(s, md);
            } else if (v instanceof Map<?, ?> m && isOrdered(m)) {
                md.update(ORDERED_MAP);
                bytes.putInt(md, m.size());
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    String k = ArgumentDescriptions.abbreviate(String.valueOf(e.getKey()));
                    nested("key " + k, e.getKey(), md);
                    nested("value for key " + k, e.getValue(), md);
                }
            } else if (v instanceof Map<?, ?> m) {
                md.update(MAP);
                writeMap(m, md);
            } else if (!writeOptional(v, md)) {
                String reason = v instanceof Collection<?>
                        ? "only List, Set, Map and Deque collections have a canonical order"
                        + " (copy it into a List or Set)"
                        : "casher cannot key values of this type";
                throw unsupported(v, reason);
            }
        } finally {
            open.remove(v);
        }
    }

    private void writeCacheKey(CacheKey k, MessageDigest md) {
        md.update(CACHE_KEY);
        bytes.putString(md, k.getClass().getName());
        Object key;
        try {
            key = k.cacheKey();
        } catch (RuntimeException e) {
            throw new CasherException("cannot fingerprint " + location() + " of type "
                    + k.getClass().getName() + ": its cacheKey() threw " + e, e);
        }
        nested("cacheKey()", key, md);
    }

    private void writeRecord(Record r, MessageDigest md) {
        md.update(RECORD);
        bytes.putString(md, r.getClass().getName());
        List<RecordAccess.Component> components;
        try {
            components = RecordAccess.components(r.getClass());
        } catch (IllegalStateException e) {
            throw unsupported(r, e.getMessage());
        }
        bytes.putInt(md, components.size());
        for (RecordAccess.Component c : components) {
            bytes.putString(md, c.name());
            Object value;
            try {
                value = c.get(r);
            } catch (IllegalStateException e) {
                throw new CasherException("cannot fingerprint " + location() + " of type "
                        + r.getClass().getName() + ": " + e.getMessage(), e.getCause());
            }
            nested("field '" + c.name() + "'", value, md);
        }
    }

    /**
     * Whether the collection's iteration order is part of its value (the function sees it):
     * insertion-ordered ({@code LinkedHashSet}, {@code LinkedHashMap}) and sorted ones. Only
     * unordered collections ({@code HashSet}, {@code HashMap}, {@code Set.of}...) are canonicalised.
     */
    private static boolean isOrdered(Object c) {
        return c instanceof java.util.LinkedHashSet<?> || c instanceof java.util.LinkedHashMap<?, ?>
                || c instanceof java.util.SortedSet<?> || c instanceof java.util.SortedMap<?, ?>;
    }

    /** Unordered set elements are hashed one by one and fed sorted: iteration order cannot matter. */
    private void writeSet(Set<?> set, MessageDigest md) {
        List<byte[]> parts = new ArrayList<>(set.size());
        for (Object item : set) {
            MessageDigest part = newDigest();
            nested("element of set", item, part);
            parts.add(part.digest());
        }
        feedSorted(parts, md);
    }

    /** Map entries (key encoding, then value encoding) are hashed one by one, fed sorted. */
    private void writeMap(Map<?, ?> map, MessageDigest md) {
        List<byte[]> parts = new ArrayList<>(map.size());
        for (Map.Entry<?, ?> e : map.entrySet()) {
            MessageDigest part = newDigest();
            String k = ArgumentDescriptions.abbreviate(String.valueOf(e.getKey()));
            nested("key " + k, e.getKey(), part);
            nested("value for key " + k, e.getValue(), part);
            parts.add(part.digest());
        }
        feedSorted(parts, md);
    }

    private void feedSorted(List<byte[]> parts, MessageDigest md) {
        parts.sort(Arrays::compareUnsigned);
        bytes.putInt(md, parts.size());
        for (byte[] p : parts) {
            md.update(p);
        }
    }

    private boolean writeOptional(Object v, MessageDigest md) {
        if (v instanceof Optional<?> o) {
            md.update(OPTIONAL);
            md.update((byte) 'L');
            nested("value of Optional", o.orElse(null), md);
            md.update((byte) (o.isPresent() ? 1 : 0));
        } else if (v instanceof OptionalInt o) {
            md.update(OPTIONAL);
            md.update((byte) 'I');
            md.update((byte) (o.isPresent() ? 1 : 0));
            bytes.putInt(md, o.orElse(0));
        } else if (v instanceof OptionalLong o) {
            md.update(OPTIONAL);
            md.update((byte) 'J');
            md.update((byte) (o.isPresent() ? 1 : 0));
            bytes.putLong(md, o.orElse(0));
        } else if (v instanceof OptionalDouble o) {
            md.update(OPTIONAL);
            md.update((byte) 'D');
            md.update((byte) (o.isPresent() ? 1 : 0));
            bytes.putLong(md, Double.doubleToLongBits(o.orElse(0)));
        } else {
            return false;
        }
        return true;
    }

    private void writePath(Object original, Path p, MessageDigest md) {
        if (p.getFileSystem() != FileSystems.getDefault()) {
            throw unsupported(original, "it belongs to a non-default file system ("
                    + p.getFileSystem().provider().getScheme() + "), whose content casher cannot"
                    + " digest");
        }
        Path abs = p.toAbsolutePath().normalize();
        try {
            FileStat stat = FileStat.of(abs);
            if (stat != null && stat.isRegularFile()) {
                md.update(PATH_REGULAR_FILE);
                bytes.putString(md, abs.toString());
                digester.digest(abs, stat).updateInto(md);
            } else {
                md.update(stat == null ? PATH_ABSENT
                        : stat.isDirectory() ? PATH_DIRECTORY : PATH_OTHER);
                bytes.putString(md, abs.toString());
            }
        } catch (IOException e) {
            throw new UnreadableArgumentException("cannot fingerprint " + location()
                    + ": reading " + abs + " failed: " + e, e);
        }
    }

    private void nested(String step, Object value, MessageDigest md) {
        trail.addLast(step);
        write(value, md);
        trail.removeLast();
    }

    private String location() {
        StringBuilder sb = new StringBuilder();
        if (what != null) {
            sb.append(what);
        } else {
            String name = names != null && position < names.length && names[position] != null
                    ? names[position] : "arg" + position;
            sb.append("argument ").append(position + 1).append(" '").append(name).append('\'');
        }
        for (String step : trail) {
            sb.append(" → ").append(step);
        }
        return sb.toString();
    }

    private CasherException unsupported(Object v, String reason) {
        return new CasherException("cannot fingerprint " + location() + " of type "
                + v.getClass().getName() + ": " + reason + ". " + FIX + namesHint());
    }

    /** Says why a parameter shows as {@code argN}, when its name was not compiled in. */
    private String namesHint() {
        boolean synthesized = what == null
                && (names == null || position >= names.length || names[position] == null);
        return synthesized ? NO_NAMES : "";
    }
}
