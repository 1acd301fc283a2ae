package dev.casher.internal.codec;

/**
 * Thrown when no codec can encode a return value. The message names the value's type, why each
 * codec declined, and what the user can do; the call's result is then simply not cached.
 */
public final class UnencodableValueException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String typeName;

    UnencodableValueException(String typeName, String message, Throwable cause) {
        super(message, cause);
        this.typeName = typeName;
    }

    /** The binary name of the value's class. */
    public String typeName() {
        return typeName;
    }
}
