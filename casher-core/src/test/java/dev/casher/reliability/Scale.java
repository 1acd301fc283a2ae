package dev.casher.reliability;

/**
 * How many iterations the suites run: the CI default times {@code -Dcasher.reliability.scale}
 * (default 1, e.g. 10 for a long soak run). Thread-safe (immutable).
 */
final class Scale {
    private Scale() {}

    /** {@code base} iterations times the scale factor. */
    static int of(int base) {
        return Math.max(1, (int) Math.round(base * factor()));
    }

    /** The scale factor; values that are not positive numbers mean 1. */
    static double factor() {
        try {
            double f = Double.parseDouble(System.getProperty("casher.reliability.scale", "1"));
            return f > 0 ? f : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** One line of figures, printed on stdout where the build log shows it. */
    static void report(String suite, String figures) {
        System.out.println("[reliability] " + suite + ": " + figures + " (scale " + factor() + ")");
    }
}
