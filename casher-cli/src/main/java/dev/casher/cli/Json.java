package dev.casher.cli;

import java.util.Map;
import java.util.TreeMap;

/** Minimal JSON text for {@code --json} outputs (strings and flat maps of numbers). */
final class Json {
    private Json() {}

    static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    static String obj(Map<String, Long> m) {
        StringBuilder sb = new StringBuilder("{");
        new TreeMap<>(m).forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append(str(k))
                .append(':').append(v));
        return sb.append('}').toString();
    }
}
