package dev.casher;

/**
 * A usage error that casher reports instead of guessing: an argument that cannot be
 * fingerprinted, an invalid setting, a method that cannot be cached. The message names the
 * culprit and says how to fix it. Failures of the cache itself (store, trace, codec) are not
 * thrown: the call then runs plainly with one warning.
 */
public class CasherException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CasherException(String message) {
        super(message);
    }

    public CasherException(String message, Throwable cause) {
        super(message, cause);
    }
}
