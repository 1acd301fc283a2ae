package dev.casher.internal.codec;

import static dev.casher.internal.codec.CanonicalCodec.*;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One decoding by {@link CanonicalCodec}. Not thread-safe; one instance per payload. Every
 * malformed payload, unknown or disallowed class, or failing constructor is an
 * {@link IOException}; lengths are checked against the remaining bytes before allocating.
 */
final class CanonicalReader {
    private final byte[] payload;
    private final ByteArrayInputStream in;
    private final DataInputStream data;
    private final Set<String> allowed;

    CanonicalReader(byte[] payload, List<String> allowedClasses) {
        this.payload = payload;
        this.in = new ByteArrayInputStream(payload);
        this.data = new DataInputStream(in);
        this.allowed = allowedClasses == null ? Set.of() : new HashSet<>(allowedClasses);
    }

    Object read() throws IOException {
        try {
            byte[] magic = data.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException("not a canonical/1 payload (bad magic)");
            }
            Object v = value(0);
            if (in.available() != 0) {
                throw new IOException(in.available() + " trailing bytes after the value");
            }
            return v;
        } catch (EOFException e) {
            throw new IOException("canonical payload is truncated (" + payload.length + " bytes)",
                    e);
        } catch (RuntimeException e) {
            // a corrupt payload may trip any JDK factory (parse, valueOf, ...): still a bad blob
            throw new IOException("malformed canonical payload: " + e, e);
        }
    }

    private Object value(int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("payload nests deeper than " + MAX_DEPTH + " levels");
        }
        byte tag = data.readByte();
        return switch (tag) {
            case NULL -> null;
            case BOOLEAN -> data.readBoolean();
            case BYTE -> data.readByte();
            case SHORT -> data.readShort();
            case CHAR -> data.readChar();
            case INT -> data.readInt();
            case LONG -> data.readLong();
            case FLOAT -> Float.intBitsToFloat(data.readInt());
            case DOUBLE -> Double.longBitsToDouble(data.readLong());
            case STRING -> string();
            case PRIMITIVE_ARRAY -> primitiveArray();
            case OBJECT_ARRAY -> objectArray(depth);
            case ENUM -> enumValue();
            case RECORD -> record(depth);
            case LIST -> list(depth);
            case SET -> set(depth);
            case MAP -> map(depth);
            case OPTIONAL -> optional(depth);
            case BIG_INTEGER -> new BigInteger(bytes());
            case BIG_DECIMAL -> new BigDecimal(new BigInteger(bytes()), data.readInt());
            case TIME -> TimeValues.parse(string(), string());
            case UUID_VALUE -> new UUID(data.readLong(), data.readLong());
            case URI_VALUE -> URI.create(string());
            case PATH -> Path.of(string());
            case FILE -> new File(string());
            default -> throw new IOException("unknown tag " + tag);
        };
    }

    private Object objectArray(int depth) throws IOException {
        Class<?> component = loadClass(string());
        int n = length(1);
        Object array = Array.newInstance(component, n);
        for (int i = 0; i < n; i++) {
            Array.set(array, i, value(depth + 1));
        }
        return array;
    }

    private Object enumValue() throws IOException {
        Class<?> type = loadClass(string());
        String name = string();
        if (!type.isEnum()) {
            throw new IOException(type.getName() + " is not an enum");
        }
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(name)) {
                return constant;
            }
        }
        throw new IOException("enum " + type.getName() + " has no constant " + name);
    }

    private Object record(int depth) throws IOException {
        Class<?> type = loadClass(string());
        if (!type.isRecord()) {
            throw new IOException(type.getName() + " is not a record");
        }
        List<RecordAccess.Component> components = RecordAccess.components(type);
        int n = length(1);
        if (n != components.size()) {
            throw new IOException("record " + type.getName() + " has " + components.size()
                    + " components, the payload " + n);
        }
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            String name = string();
            if (!name.equals(components.get(i).name())) {
                throw new IOException("record " + type.getName() + " component " + i + " is '"
                        + components.get(i).name() + "', the payload says '" + name + "'");
            }
            values[i] = value(depth + 1);
        }
        try {
            return RecordAccess.construct(type, values);
        } catch (InvocationTargetException e) {
            throw new IOException("constructor of " + type.getName() + " threw " + e.getCause(), e);
        } catch (ReflectiveOperationException e) {
            throw new IOException("cannot construct " + type.getName() + ": " + e, e);
        }
    }

    private Object list(int depth) throws IOException {
        int flags = data.readUnsignedByte();
        List<Object> list = (flags & LINKED_LIST) != 0 ? new LinkedList<>() : new ArrayList<>();
        fill(list, depth);
        return (flags & IMMUTABLE) != 0 ? Collections.unmodifiableList(list) : list;
    }

    private Object set(int depth) throws IOException {
        int flags = data.readUnsignedByte();
        if ((flags & SORTED) != 0) {
            TreeSet<Object> set = new TreeSet<>();
            fill(set, depth);
            return (flags & IMMUTABLE) != 0 ? Collections.unmodifiableSortedSet(set) : set;
        }
        Set<Object> set = new LinkedHashSet<>();
        fill(set, depth);
        return (flags & IMMUTABLE) != 0 ? Collections.unmodifiableSet(set) : set;
    }

    private Object map(int depth) throws IOException {
        int flags = data.readUnsignedByte();
        int n = length(2);
        Map<Object, Object> map = (flags & SORTED) != 0 ? new TreeMap<>() : new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(value(depth + 1), value(depth + 1));
        }
        if ((flags & IMMUTABLE) == 0) {
            return map;
        }
        return (flags & SORTED) != 0
                ? Collections.unmodifiableSortedMap((TreeMap<Object, Object>) map)
                : Collections.unmodifiableMap(map);
    }

    private void fill(Collection<Object> target, int depth) throws IOException {
        int n = length(1);
        for (int i = 0; i < n; i++) {
            target.add(value(depth + 1));
        }
    }

    private Object optional(int depth) throws IOException {
        int kind = data.readUnsignedByte();
        boolean present = data.readBoolean();
        return switch (kind) {
            case 'L' -> present ? Optional.of(value(depth + 1)) : Optional.empty();
            case 'I' -> optionalInt(present, data.readInt());
            case 'J' -> optionalLong(present, data.readLong());
            case 'D' -> optionalDouble(present, Double.longBitsToDouble(data.readLong()));
            default -> throw new IOException("unknown Optional kind " + kind);
        };
    }

    private static OptionalInt optionalInt(boolean present, int v) {
        return present ? OptionalInt.of(v) : OptionalInt.empty();
    }

    private static OptionalLong optionalLong(boolean present, long v) {
        return present ? OptionalLong.of(v) : OptionalLong.empty();
    }

    private static OptionalDouble optionalDouble(boolean present, double v) {
        return present ? OptionalDouble.of(v) : OptionalDouble.empty();
    }

    private Object primitiveArray() throws IOException {
        int kind = data.readUnsignedByte();
        switch (kind) {
            case 'B':
                return bytes();
            case 'C':
                return string().toCharArray();
            default:
                break;
        }
        int width = switch (kind) {
            case 'Z' -> 1;
            case 'S' -> 2;
            case 'I', 'F' -> 4;
            case 'J', 'D' -> 8;
            default -> throw new IOException("unknown primitive array kind " + kind);
        };
        int n = length(width);
        Object array = Array.newInstance(primitive(kind), n);
        for (int i = 0; i < n; i++) {
            switch (kind) {
                case 'Z' -> Array.setBoolean(array, i, data.readBoolean());
                case 'S' -> Array.setShort(array, i, data.readShort());
                case 'I' -> Array.setInt(array, i, data.readInt());
                case 'F' -> Array.setFloat(array, i, Float.intBitsToFloat(data.readInt()));
                case 'J' -> Array.setLong(array, i, data.readLong());
                default -> Array.setDouble(array, i, Double.longBitsToDouble(data.readLong()));
            }
        }
        return array;
    }

    private static Class<?> primitive(int kind) {
        return switch (kind) {
            case 'Z' -> boolean.class;
            case 'S' -> short.class;
            case 'I' -> int.class;
            case 'F' -> float.class;
            case 'J' -> long.class;
            default -> double.class;
        };
    }

    private Class<?> loadClass(String name) throws IOException {
        if (!allowed.contains(name)) {
            throw new IOException("class " + name + " is not in the entry's allow-list");
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            try {
                return Class.forName(name, false, context);
            } catch (ClassNotFoundException e) {
                // fall through to the loader that loaded casher
            }
        }
        try {
            return Class.forName(name, false, CanonicalReader.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IOException("class " + name + " named by the payload is not found", e);
        }
    }

    /** A count of items of at least {@code width} bytes each, checked against what is left. */
    private int length(int width) throws IOException {
        int n = data.readInt();
        if (n < 0 || (long) n * width > in.available()) {
            throw new IOException("length " + n + " exceeds the " + in.available()
                    + " bytes left of " + payload.length);
        }
        return n;
    }

    private String string() throws IOException {
        int n = length(2);
        char[] chars = new char[n];
        for (int i = 0; i < n; i++) {
            chars[i] = data.readChar();
        }
        return new String(chars);
    }

    private byte[] bytes() throws IOException {
        int n = length(1);
        return data.readNBytes(n);
    }
}
