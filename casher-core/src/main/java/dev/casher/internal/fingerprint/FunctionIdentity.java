package dev.casher.internal.fingerprint;

import dev.casher.CasherException;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Which method a cached function runs: class, name and descriptor, plus the values a lambda or
 * bound method reference captured. Read from the {@link SerializedLambda} that every
 * serializable lambda and method reference can produce.
 *
 * @param owner the class declaring the implementation method
 * @param method its name
 * @param descriptor its JVM descriptor
 * @param captured values captured by the lambda or the bound receiver ({@code obj::m})
 */
public record FunctionIdentity(Class<?> owner, String method, String descriptor, List<Object> captured) {

    public FunctionIdentity {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(descriptor, "descriptor");
        captured = java.util.Collections.unmodifiableList(new ArrayList<>(captured));
    }

    /** {@code pkg.Owner.method(descriptor)}. */
    public String display() {
        return owner.getName() + "." + method + descriptor;
    }

    /**
     * The identity of a serializable lambda or method reference. Throws {@link CasherException}
     * when {@code fn} is not one (e.g. an ordinary object implementing the interface).
     */
    public static FunctionIdentity of(Serializable fn) {
        SerializedLambda sl;
        try {
            Method writeReplace = fn.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            Object r = writeReplace.invoke(fn);
            if (!(r instanceof SerializedLambda)) {
                throw new NoSuchMethodException("writeReplace did not return a SerializedLambda");
            }
            sl = (SerializedLambda) r;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new CasherException("cannot identify the cached function " + fn.getClass().getName()
                    + ": pass a lambda or a method reference (e.g. Casher.wrap(Pipeline::train)), "
                    + "not an instance of a class implementing the interface", e);
        }
        Class<?> owner;
        try {
            owner = Class.forName(sl.getImplClass().replace('/', '.'), false,
                    fn.getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new CasherException("cannot load " + sl.getImplClass() + ", the class of the cached function", e);
        }
        List<Object> captured = new ArrayList<>(sl.getCapturedArgCount());
        for (int i = 0; i < sl.getCapturedArgCount(); i++) {
            captured.add(sl.getCapturedArg(i));
        }
        return new FunctionIdentity(owner, sl.getImplMethodName(), sl.getImplMethodSignature(), captured);
    }

    /** The reflective method, or {@code null} for a constructor reference or when not found. */
    public Method reflect() {
        for (Method m : owner.getDeclaredMethods()) {
            if (m.getName().equals(method) && descriptorOf(m).equals(descriptor)) {
                return m;
            }
        }
        return null;
    }

    /** Parameter names of the method (as compiled with {@code -parameters}) or nulls. */
    public String[] parameterNames() {
        Method m = reflect();
        if (m == null) {
            return null;
        }
        return Arrays.stream(m.getParameters())
                .map(p -> p.isNamePresent() ? p.getName() : null)
                .toArray(String[]::new);
    }

    /** The JVM descriptor of {@code m}. */
    public static String descriptorOf(Method m) {
        StringBuilder sb = new StringBuilder("(");
        for (Class<?> p : m.getParameterTypes()) {
            sb.append(p.descriptorString());
        }
        return sb.append(')').append(m.getReturnType().descriptorString()).toString();
    }
}
