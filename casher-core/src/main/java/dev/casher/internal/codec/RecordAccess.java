package dev.casher.internal.codec;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Reflective access to record components and canonical constructors, looked up once per class.
 * Thread-safe. Failures are {@link IllegalStateException}s whose message says what to do.
 */
final class RecordAccess {
    /** One record component: its name, declared type and accessor. */
    record Component(String name, Class<?> type, Method accessor) {
        Object get(Record r) {
            try {
                return accessor.invoke(r);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("its accessor " + name + "() threw "
                        + e.getCause(), e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("its accessor " + name + "() is not accessible", e);
            }
        }
    }

    private record Shape(List<Component> components, Constructor<?> constructor, String problem) {}

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return inspect(type);
        }
    };

    private RecordAccess() {}

    /** The components of record class {@code type}, in declaration order. */
    static List<Component> components(Class<?> type) {
        Shape shape = SHAPES.get(type);
        if (shape.problem != null) {
            throw new IllegalStateException(shape.problem);
        }
        return shape.components;
    }

    /** Builds a {@code type} instance through its canonical constructor. */
    static Object construct(Class<?> type, Object[] values) throws ReflectiveOperationException {
        Shape shape = SHAPES.get(type);
        if (shape.problem != null) {
            throw new IllegalStateException(shape.problem);
        }
        return shape.constructor.newInstance(values);
    }

    private static Shape inspect(Class<?> type) {
        RecordComponent[] rcs = type.getRecordComponents();
        List<Component> components = new ArrayList<>(rcs.length);
        Class<?>[] types = new Class<?>[rcs.length];
        for (int i = 0; i < rcs.length; i++) {
            Method accessor = rcs[i].getAccessor();
            // records nested in non-public classes have accessible accessors only this way
            if (!accessor.trySetAccessible()) {
                return new Shape(List.of(), null, "the record's components are not accessible"
                        + " (make the record public or open its package to casher)");
            }
            types[i] = rcs[i].getType();
            components.add(new Component(rcs[i].getName(), types[i], accessor));
        }
        try {
            Constructor<?> ctor = type.getDeclaredConstructor(types);
            if (!ctor.trySetAccessible()) {
                return new Shape(List.of(), null, "the record's canonical constructor is not"
                        + " accessible (make the record public or open its package to casher)");
            }
            return new Shape(List.copyOf(components), ctor, null);
        } catch (NoSuchMethodException e) {
            return new Shape(List.of(), null, "the record has no canonical constructor");
        }
    }
}
