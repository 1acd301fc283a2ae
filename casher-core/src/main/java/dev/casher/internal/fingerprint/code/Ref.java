package dev.casher.internal.fingerprint.code;

import java.util.Objects;

/**
 * One thing a method's bytecode refers to that the reachability walk must follow: a call, a field
 * access, a use of a type, or a method handle (lambda bodies, method references, bootstrap
 * methods). Refs are kept in instruction order so that the walk, and the names it gives lambda
 * bodies, are deterministic.
 *
 * <p>Immutable values.
 */
sealed interface Ref {

    /**
     * A call instruction.
     *
     * @param kind how it dispatches
     * @param owner internal name of the class named by the instruction
     * @param nameDesc method name followed by its descriptor
     */
    record Call(Dispatch kind, String owner, String nameDesc) implements Ref {
        public Call {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(nameDesc, "nameDesc");
        }
    }

    /** A field read or write; touches (initialises) the owner. */
    record FieldAccess(String owner) implements Ref {
        public FieldAccess {
            Objects.requireNonNull(owner, "owner");
        }
    }

    /**
     * A use of a type: {@code NEW} (which makes it {@link Use#INSTANTIATED}), casts, instanceof,
     * class literals, array creation.
     */
    record TypeUse(String type, Use use) implements Ref {
        public TypeUse {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(use, "use");
        }
    }

    /**
     * A method handle in a constant or in an {@code invokedynamic}'s bootstrap arguments.
     *
     * @param lambdaOrdinal for a javac lambda body ({@code lambda$...}), its position among the
     *     lambda handles of the referring method; -1 otherwise
     */
    record HandleUse(Dispatch kind, String owner, String nameDesc, int lambdaOrdinal)
            implements Ref {
        public HandleUse {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(nameDesc, "nameDesc");
        }
    }

    /** How a call or handle picks its target. */
    enum Dispatch {
        /** {@code invokestatic}: resolved upward from the named class. */
        STATIC,
        /** {@code invokespecial}: constructors, private methods, super calls. */
        SPECIAL,
        /** {@code invokevirtual}/{@code invokeinterface}: any override may run. */
        VIRTUAL,
        /** A constructor handle ({@code Foo::new}): instantiates the owner. */
        CONSTRUCT,
        /** A field getter/setter handle. */
        FIELD
    }

    /** Whether a type use creates instances. */
    enum Use {
        /** {@code NEW}: every override of a library method may be called back. */
        INSTANTIATED,
        /** Any other mention. */
        MENTIONED
    }
}
