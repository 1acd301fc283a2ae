package dev.casher.internal.fingerprint.code;

import dev.casher.internal.util.Digest;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One parsed class: its origin, its supertypes, its methods by {@code name + descriptor} and the
 * digest of its shape (supertypes, access, static constant values), which dispatch and
 * initialisation depend on even when no method changes.
 *
 * <p>Immutable value. A {@link ClassOrigin.Missing} class has no supertypes and no methods.
 */
record ClassInfo(
        String name,
        ClassOrigin origin,
        String superName,
        List<String> interfaces,
        Map<String, MethodInfo> methods,
        Digest shape) {

    ClassInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(origin, "origin");
        interfaces = List.copyOf(interfaces);
        methods = Map.copyOf(methods);
        Objects.requireNonNull(shape, "shape");
    }

    /** A class whose bytecode could not be read. */
    static ClassInfo missing(String name) {
        return new ClassInfo(
                name, new ClassOrigin.Missing(), null, List.of(), Map.of(), MethodInfo.NO_CODE);
    }

    /** Whether the class is walked and hashed. */
    boolean isApplication() {
        return origin instanceof ClassOrigin.Application;
    }
}
