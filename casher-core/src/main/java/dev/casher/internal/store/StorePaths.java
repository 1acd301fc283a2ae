package dev.casher.internal.store;

/**
 * Validation of the path strings stored in entries and manifests. A hostile or damaged cache must
 * not make replay write outside the recorded paths, so both writers and readers insist on
 * absolute, normalised paths: starting with {@code /}, no empty, {@code .} or {@code ..} segment,
 * no trailing slash (except {@code /} itself), no NUL. Stateless and thread-safe.
 */
public final class StorePaths {
    private StorePaths() {
    }

    /** Whether {@code p} is absolute and normalised in the sense above. */
    public static boolean isNormalAbsolute(String p) {
        if (p.isEmpty() || p.charAt(0) != '/' || p.indexOf('\0') >= 0) {
            return false;
        }
        if (p.length() == 1) {
            return true;
        }
        if (p.endsWith("/")) {
            return false;
        }
        int start = 1;
        while (start <= p.length()) {
            int slash = p.indexOf('/', start);
            int end = slash < 0 ? p.length() : slash;
            int len = end - start;
            if (len == 0
                    || (len == 1 && p.charAt(start) == '.')
                    || (len == 2 && p.charAt(start) == '.' && p.charAt(start + 1) == '.')) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }

    /** Returns {@code p}, or throws {@link IllegalArgumentException} naming it. */
    static String requireNormalAbsolute(String p, String what) {
        if (!isNormalAbsolute(p)) {
            throw new IllegalArgumentException(what + " must be an absolute, normalised path: '"
                    + p + "'");
        }
        return p;
    }
}
