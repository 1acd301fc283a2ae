package dev.casher.agent.jarlib;

/**
 * A library class: the copy in the test classes is shadowed by jars {@code StaleReplayTest}
 * builds at run time (same class, other results) and puts first on the class path.
 */
public final class Lib {
    private Lib() {}

    /** The library's answer. */
    public static String value() {
        return "test-classes";
    }
}
