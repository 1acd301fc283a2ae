package dev.casher.internal.codec;

import dev.casher.internal.util.Digest;
import java.lang.reflect.Array;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Short human descriptions of argument values for {@code explain} and debug logs. Stateless. */
final class ArgumentDescriptions {
    private static final int MAX_TEXT = 32;

    private ArgumentDescriptions() {}

    /**
     * {@code type value} for scalars ({@code Integer 3}, {@code String "abc"}), else
     * {@code type [size] #digest} with the first 12 hex digits of the argument's digest.
     */
    static String describe(Object v, Digest d) {
        if (v == null) {
            return "null";
        }
        String type = typeName(v.getClass());
        if (v instanceof String s) {
            return type + " \"" + abbreviate(s) + "\"";
        }
        if (v instanceof Number || v instanceof Boolean) {
            String text = v.toString();
            if (text.length() <= MAX_TEXT) {
                return type + " " + text;
            }
        }
        if (v instanceof Character c) {
            return type + " '" + c + "'";
        }
        if (v instanceof java.nio.file.Path || v instanceof java.io.File) {
            String kind = v instanceof java.io.File ? "File " : "Path ";
            return kind + abbreviateStart(v.toString()) + " #" + d.shortHex(12);
        }
        if (v instanceof Enum<?> e) {
            return typeName(e.getDeclaringClass()) + "." + e.name();
        }
        // JDK collection classes have internal names (List12, ListN): show the interface
        String size = "";
        if (v instanceof Collection<?> c) {
            type = c instanceof List<?> ? "List" : c instanceof Set<?> ? "Set" : type;
            size = " [" + c.size() + "]";
        } else if (v instanceof Map<?, ?> m) {
            type = "Map";
            size = " [" + m.size() + "]";
        } else if (v.getClass().isArray()) {
            size = " [" + Array.getLength(v) + "]";
        }
        return type + size + " #" + d.shortHex(12);
    }

    /** {@code s} cut to a few dozen characters, with an ellipsis when cut. */
    static String abbreviate(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
    }

    /** Paths keep their end, where the file name is. */
    private static String abbreviateStart(String s) {
        return s.length() <= MAX_TEXT ? s : "…" + s.substring(s.length() - MAX_TEXT);
    }

    private static String typeName(Class<?> c) {
        String simple = c.getSimpleName();
        return simple.isEmpty() ? c.getName() : simple;
    }
}
