package dev.casher.internal.codec;

import dev.casher.CasherException;
import java.io.IOException;

/**
 * Thrown by {@link ArgumentEncoder} when a file argument could not be digested (unreadable, or
 * changed while it was read). Unlike its parent this is not a usage error: the caller should run
 * the call plainly (bypass) with one warning, as for any other cache failure.
 */
public final class UnreadableArgumentException extends CasherException {
    private static final long serialVersionUID = 1L;

    UnreadableArgumentException(String message, IOException cause) {
        super(message, cause);
    }

    /** The I/O failure behind this exception. */
    @Override
    public synchronized IOException getCause() {
        return (IOException) super.getCause();
    }
}
