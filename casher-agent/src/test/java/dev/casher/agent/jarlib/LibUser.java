package dev.casher.agent.jarlib;

/** Application code calling the library: its code fingerprint reaches {@link Lib}'s jar. */
public final class LibUser {
    private LibUser() {}

    /** Calls the library. */
    public static String use(String label) {
        return label + ":" + Lib.value();
    }
}
