package dev.casher.internal.fingerprint.code;

import java.net.URL;
import java.util.Objects;

/**
 * Where a class's bytecode comes from, which decides how it enters a fingerprint: application
 * code is walked and hashed, a library is keyed by its jar's identity, the JDK by its feature
 * version, and a class that cannot be found by its name.
 *
 * <p>Immutable values.
 */
sealed interface ClassOrigin {

    /** Bytecode from a directory (or the cached method's own jar): walked and hashed. */
    record Application(URL classFile) implements ClassOrigin {
        public Application {
            Objects.requireNonNull(classFile, "classFile");
        }
    }

    /**
     * A class from a library jar.
     *
     * @param name stable name of the library ({@code group:artifact}, or the jar's file name)
     * @param identity what changes when the jar changes: {@code sha256:<hex>} of the jar,
     *     after {@code group:artifact:version} (for display) when the jar names them
     */
    record Library(String name, String identity) implements ClassOrigin {
        public Library {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(identity, "identity");
        }
    }

    /** A class of the running JDK (boot or platform loader, {@code jrt:}). */
    record Jdk() implements ClassOrigin {}

    /** A class the loader cannot find as a resource (generated at run time, or absent). */
    record Missing() implements ClassOrigin {}
}
