package dev.casher.internal.replay;

import java.io.IOException;

/** An entry that would write somewhere it must not (hostile or damaged cache content). */
public final class UnsafeEntryException extends IOException {
    private static final long serialVersionUID = 1L;

    public UnsafeEntryException(String message) {
        super(message);
    }
}
