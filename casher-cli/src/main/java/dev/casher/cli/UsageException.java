package dev.casher.cli;

/** A command line casher cannot accept; the message names the culprit and the fix. Exit code 2. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
