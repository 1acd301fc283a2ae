package dev.casher.internal.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The last-resort codec for {@link java.io.Serializable} return values; id {@value #ID}.
 * Thread-safe (stateless).
 *
 * <p>Format: the plain Java serialization stream of the value (which starts with its own magic
 * {@code 0xACED} and version 5). Encoding records the name of every class whose descriptor the
 * stream contains (superclasses and array classes included): that list is the entry's allow-list.
 * Decoding refuses, before loading it, any class not on the list (arrays are allowed when their
 * element type is primitive or listed), and bounds depth ({@value #MAX_DEPTH}), object references
 * and array lengths by the payload size, so a tampered or foreign payload cannot instantiate
 * other classes or allocate out of proportion. Dynamic proxies are not supported.
 */
final class SerializationCodec {
    static final String ID = "java-serialization/1";

    static final int MAX_DEPTH = 1000;

    /** Bytes and the classes they name. */
    record Result(byte[] bytes, List<String> classes) {}

    private SerializationCodec() {}

    static Result encode(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        RecordingOutputStream out = new RecordingOutputStream(bytes);
        out.writeObject(value);
        out.close();
        return new Result(bytes.toByteArray(), List.copyOf(out.classes));
    }

    static Object decode(byte[] bytes, List<String> allowedClasses) throws IOException {
        Set<String> allowed = allowedClasses == null ? Set.of() : new HashSet<>(allowedClasses);
        GuardedInputStream guarded = null;
        try (GuardedInputStream in = new GuardedInputStream(bytes, allowed)) {
            guarded = in;
            Object value = in.readObject();
            if (in.read() != -1) {
                throw new IOException("trailing bytes after the serialized value");
            }
            return value;
        } catch (InvalidClassException e) {
            String refusal = guarded == null ? null : guarded.refusal;
            throw refusal == null ? e : new IOException(refusal, e);
        } catch (ClassNotFoundException e) {
            throw new IOException("a class named by the payload is not found: " + e.getMessage(),
                    e);
        } catch (RuntimeException e) {
            throw new IOException("malformed serialized payload: " + e, e);
        }
    }

    /**
     * Whether the filter lets {@code c} through. Arrays are containers whose elements are each
     * checked when read, so an array of a JDK class is allowed too: JDK collections allocate
     * such arrays in their readObject ({@code Object[]}, {@code Map.Entry[]}) without a class
     * descriptor in the stream.
     */
    static boolean isAllowed(Class<?> c, Set<String> allowed) {
        if (isAllowed(c.getName(), allowed)) {
            return true;
        }
        Class<?> element = c;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        return element != c && element.getClassLoader() == null;
    }

    /** Whether {@code name} (a binary or array descriptor name) may be loaded. */
    static boolean isAllowed(String name, Set<String> allowed) {
        if (allowed.contains(name)) {
            return true;
        }
        int dims = 0;
        while (dims < name.length() && name.charAt(dims) == '[') {
            dims++;
        }
        if (dims == 0) {
            return false;
        }
        String element = name.substring(dims);
        if (element.length() == 1) {
            return "ZBSCIJFD".contains(element);
        }
        return element.startsWith("L") && element.endsWith(";")
                && allowed.contains(element.substring(1, element.length() - 1));
    }

    private static final class RecordingOutputStream extends ObjectOutputStream {
        final LinkedHashSet<String> classes = new LinkedHashSet<>();

        RecordingOutputStream(ByteArrayOutputStream out) throws IOException {
            super(out);
        }

        @Override
        protected void annotateClass(Class<?> cl) {
            classes.add(cl.getName());
        }

        @Override
        protected void annotateProxyClass(Class<?> cl) throws IOException {
            throw new NotSerializableException("dynamic proxy " + cl.getName()
                    + " (proxies are not supported by casher's serialization codec)");
        }
    }

    private static final class GuardedInputStream extends ObjectInputStream {
        private final Set<String> allowed;
        String refusal;

        GuardedInputStream(byte[] bytes, Set<String> allowed) throws IOException {
            super(new ByteArrayInputStream(bytes));
            this.allowed = allowed;
            long limit = bytes.length;
            setObjectInputFilter(info -> {
                if (info.depth() > MAX_DEPTH || info.references() > limit
                        || info.arrayLength() > limit || info.streamBytes() > limit) {
                    refusal = "the payload exceeds the depth, reference or array-length limits";
                    return ObjectInputFilter.Status.REJECTED;
                }
                Class<?> c = info.serialClass();
                if (c == null || isAllowed(c, allowed)) {
                    return c == null ? ObjectInputFilter.Status.UNDECIDED
                            : ObjectInputFilter.Status.ALLOWED;
                }
                refusal = "class " + c.getName() + " is refused: not in the entry's allow-list";
                return ObjectInputFilter.Status.REJECTED;
            });
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc)
                throws IOException, ClassNotFoundException {
            // checked before loading, so a refused class is never even initialised
            if (!isAllowed(desc.getName(), allowed)) {
                throw new InvalidClassException(desc.getName(), "not in the entry's allow-list");
            }
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context != null) {
                try {
                    return Class.forName(desc.getName(), false, context);
                } catch (ClassNotFoundException e) {
                    // fall back to the default resolution below
                }
            }
            return super.resolveClass(desc);
        }

        @Override
        protected Class<?> resolveProxyClass(String[] interfaces) throws IOException {
            throw new InvalidClassException("proxy", "dynamic proxies are not supported");
        }
    }
}
