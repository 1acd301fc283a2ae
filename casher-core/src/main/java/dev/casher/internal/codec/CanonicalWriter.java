package dev.casher.internal.codec;

import static dev.casher.internal.codec.CanonicalCodec.*;

import dev.casher.internal.codec.CanonicalCodec.Declined;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/** One encoding by {@link CanonicalCodec}. Not thread-safe; one instance per value. */
final class CanonicalWriter {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    private final DataOutputStream out = new DataOutputStream(bytes);
    private final LinkedHashSet<String> classes = new LinkedHashSet<>();
    private final IdentityHashMap<Object, Boolean> open = new IdentityHashMap<>();

    CanonicalCodec.Result write(Object value) throws Declined {
        try {
            out.write(MAGIC);
            value(value, 0);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return new CanonicalCodec.Result(bytes.toByteArray(), List.copyOf(classes));
    }

    private void value(Object v, int depth) throws IOException, Declined {
        if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof String s) {
            out.writeByte(STRING);
            string(s);
        } else if (v instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (v instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (v instanceof Boolean b) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(b);
        } else if (v instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeLong(Double.doubleToRawLongBits(d));
        } else if (v instanceof Float f) {
            out.writeByte(FLOAT);
            out.writeInt(Float.floatToRawIntBits(f));
        } else if (v instanceof Character c) {
            out.writeByte(CHAR);
            out.writeChar(c);
        } else if (v instanceof Byte b) {
            out.writeByte(BYTE);
            out.writeByte(b);
        } else if (v instanceof Short s) {
            out.writeByte(SHORT);
            out.writeShort(s);
        } else if (!scalar(v)) {
            composite(v, depth);
        }
    }

    private boolean scalar(Object v) throws IOException, Declined {
        if (v instanceof Enum<?> e) {
            out.writeByte(ENUM);
            className(e.getDeclaringClass());
            string(e.name());
        } else if (v instanceof BigDecimal d) {
            out.writeByte(BIG_DECIMAL);
            bytes(d.unscaledValue().toByteArray());
            out.writeInt(d.scale());
        } else if (v instanceof BigInteger i) {
            out.writeByte(BIG_INTEGER);
            bytes(i.toByteArray());
        } else if (TimeValues.kindOf(v) != null) {
            out.writeByte(TIME);
            string(TimeValues.kindOf(v));
            string(TimeValues.text(v));
        } else if (v instanceof UUID u) {
            out.writeByte(UUID_VALUE);
            out.writeLong(u.getMostSignificantBits());
            out.writeLong(u.getLeastSignificantBits());
        } else if (v instanceof URI u) {
            out.writeByte(URI_VALUE);
            string(u.toString());
        } else if (v instanceof Path p) {
            if (p.getFileSystem() != FileSystems.getDefault()) {
                throw new Declined("a Path of a non-default file system");
            }
            out.writeByte(PATH);
            string(p.toString());
        } else if (v instanceof File f) {
            out.writeByte(FILE);
            string(f.getPath());
        } else if (v.getClass().isArray() && v.getClass().getComponentType().isPrimitive()) {
            out.writeByte(PRIMITIVE_ARRAY);
            primitiveArray(v);
        } else {
            return false;
        }
        return true;
    }

    private void composite(Object v, int depth) throws IOException, Declined {
        if (depth >= MAX_DEPTH) {
            throw new Declined("values nest deeper than " + MAX_DEPTH + " levels");
        }
        if (open.put(v, Boolean.TRUE) != null) {
            throw new Declined("the value contains itself (a cycle)");
        }
        if (v instanceof Object[] a) {
            out.writeByte(OBJECT_ARRAY);
            className(a.getClass().getComponentType());
            out.writeInt(a.length);
            for (Object e : a) {
                value(e, depth + 1);
            }
        } else if (v instanceof Record r) {
            record(r, depth);
        } else if (v instanceof List<?> l) {
            out.writeByte(LIST);
            out.writeByte(listFlags(l));
            elements(l, depth);
        } else if (v instanceof Set<?> s) {
            out.writeByte(SET);
            out.writeByte(setFlags(s));
            elements(s, depth);
        } else if (v instanceof Map<?, ?> m) {
            out.writeByte(MAP);
            out.writeByte(mapFlags(m));
            out.writeInt(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                value(e.getKey(), depth + 1);
                value(e.getValue(), depth + 1);
            }
        } else if (!optional(v, depth)) {
            throw new Declined("the canonical codec does not handle " + v.getClass().getName());
        }
        open.remove(v);
    }

    private void record(Record r, int depth) throws IOException, Declined {
        List<RecordAccess.Component> components;
        try {
            components = RecordAccess.components(r.getClass());
        } catch (IllegalStateException e) {
            throw new Declined(e.getMessage());
        }
        out.writeByte(RECORD);
        className(r.getClass());
        out.writeInt(components.size());
        for (RecordAccess.Component c : components) {
            string(c.name());
            try {
                value(c.get(r), depth + 1);
            } catch (IllegalStateException e) {
                throw new Declined(e.getMessage());
            }
        }
    }

    private void elements(Collection<?> c, int depth) throws IOException, Declined {
        out.writeInt(c.size());
        int n = 0;
        for (Object e : c) {
            value(e, depth + 1);
            n++;
        }
        if (n != c.size()) {
            throw new Declined("the collection changed while it was encoded");
        }
    }

    private boolean optional(Object v, int depth) throws IOException, Declined {
        if (v instanceof Optional<?> o) {
            out.writeByte(OPTIONAL);
            out.writeByte('L');
            out.writeBoolean(o.isPresent());
            if (o.isPresent()) {
                value(o.get(), depth + 1);
            }
        } else if (v instanceof OptionalInt o) {
            out.writeByte(OPTIONAL);
            out.writeByte('I');
            out.writeBoolean(o.isPresent());
            out.writeInt(o.orElse(0));
        } else if (v instanceof OptionalLong o) {
            out.writeByte(OPTIONAL);
            out.writeByte('J');
            out.writeBoolean(o.isPresent());
            out.writeLong(o.orElse(0));
        } else if (v instanceof OptionalDouble o) {
            out.writeByte(OPTIONAL);
            out.writeByte('D');
            out.writeBoolean(o.isPresent());
            out.writeLong(Double.doubleToRawLongBits(o.orElse(0)));
        } else {
            return false;
        }
        return true;
    }

    private static int listFlags(List<?> l) throws Declined {
        Class<?> c = l.getClass();
        if (c == ArrayList.class || c.getName().equals("java.util.Arrays$ArrayList")) {
            return 0;
        }
        if (c == LinkedList.class) {
            return LINKED_LIST;
        }
        if (isImmutable(c)) {
            return IMMUTABLE;
        }
        throw new Declined("the canonical codec keeps only ArrayList, LinkedList and immutable"
                + " lists, not " + c.getName());
    }

    private static int setFlags(Set<?> s) throws Declined {
        Class<?> c = s.getClass();
        int flags = isImmutable(c) ? IMMUTABLE : 0;
        if (s instanceof SortedSet<?> sorted) {
            if (sorted.comparator() != null) {
                throw new Declined("a SortedSet with a comparator");
            }
            if (c == TreeSet.class || flags == IMMUTABLE) {
                return flags | SORTED;
            }
        } else if (c == HashSet.class || c == LinkedHashSet.class || flags == IMMUTABLE) {
            return flags;
        }
        throw new Declined("the canonical codec keeps only HashSet, LinkedHashSet, TreeSet and"
                + " immutable sets, not " + c.getName());
    }

    private static int mapFlags(Map<?, ?> m) throws Declined {
        Class<?> c = m.getClass();
        int flags = isImmutable(c) ? IMMUTABLE : 0;
        if (m instanceof SortedMap<?, ?> sorted) {
            if (sorted.comparator() != null) {
                throw new Declined("a SortedMap with a comparator");
            }
            if (c == TreeMap.class || flags == IMMUTABLE) {
                return flags | SORTED;
            }
        } else if (c == HashMap.class || c == LinkedHashMap.class || flags == IMMUTABLE) {
            return flags;
        }
        throw new Declined("the canonical codec keeps only HashMap, LinkedHashMap, TreeMap and"
                + " immutable maps, not " + c.getName());
    }

    /** The JDK's unmodifiable collection classes: List.of, toList(), unmodifiable*, empty*... */
    private static boolean isImmutable(Class<?> c) {
        String n = c.getName();
        return n.startsWith("java.util.ImmutableCollections$")
                || n.startsWith("java.util.Collections$Unmodifiable")
                || n.startsWith("java.util.Collections$Empty")
                || n.startsWith("java.util.Collections$Singleton");
    }

    private void primitiveArray(Object v) throws IOException {
        if (v instanceof byte[] a) {
            out.writeByte('B');
            bytes(a);
        } else if (v instanceof int[] a) {
            out.writeByte('I');
            out.writeInt(a.length);
            for (int x : a) {
                out.writeInt(x);
            }
        } else if (v instanceof long[] a) {
            out.writeByte('J');
            out.writeInt(a.length);
            for (long x : a) {
                out.writeLong(x);
            }
        } else if (v instanceof double[] a) {
            out.writeByte('D');
            out.writeInt(a.length);
            for (double x : a) {
                out.writeLong(Double.doubleToRawLongBits(x));
            }
        } else if (v instanceof float[] a) {
            out.writeByte('F');
            out.writeInt(a.length);
            for (float x : a) {
                out.writeInt(Float.floatToRawIntBits(x));
            }
        } else if (v instanceof char[] a) {
            out.writeByte('C');
            string(new String(a));
        } else if (v instanceof short[] a) {
            out.writeByte('S');
            out.writeInt(a.length);
            for (short x : a) {
                out.writeShort(x);
            }
        } else {
            boolean[] a = (boolean[]) v;
            out.writeByte('Z');
            out.writeInt(a.length);
            for (boolean x : a) {
                out.writeBoolean(x);
            }
        }
    }

    private void className(Class<?> c) throws IOException {
        String name = c.getName();
        if (!c.isPrimitive()) {
            classes.add(name);
        }
        string(name);
    }

    private void string(String s) throws IOException {
        out.writeInt(s.length());
        out.writeChars(s);
    }

    private void bytes(byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }
}
