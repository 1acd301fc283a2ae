package dev.casher.internal.fingerprint.code;

/**
 * Thrown when a method's code cannot be fingerprinted: its class file cannot be read, the method
 * is not declared where it was named, or a library jar it uses cannot be read. The caller must
 * not cache such a call (it runs plainly and counts the reason): a fingerprint that silently
 * skipped code could replay a stale result.
 */
public final class CodeFingerprintException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CodeFingerprintException(String message) {
        super(message);
    }

    public CodeFingerprintException(String message, Throwable cause) {
        super(message, cause);
    }
}
