package dev.casher.internal.trace;

/**
 * One complete system call as strace printed it (after {@code <unfinished ...>} and
 * {@code resumed} halves are joined), split into name, top-level arguments, return value, the
 * return value's {@code <path>} annotation and the errno name.
 *
 * <p>Grammar of a body (the line without its PID prefix):
 * <pre>
 *   body    = name "(" args ")" spaces "=" spaces result [annot] [" " errno] [" (" text ")"]
 *   name    = [A-Za-z0-9_?]+
 *   args    = arg *("," " " arg)      ; commas inside () [] {} or "..." do not split
 *   result  = "-1" | digits | "0x" hex | "?"
 *   annot   = "&lt;" escaped-bytes "&gt;"
 *   errno   = "E" [A-Z0-9_]+
 * </pre>
 * Arguments are kept as offsets into the body and cut out on demand, because most lines of a large
 * trace need one or two of them.
 *
 * <p>Immutable; {@link #parse} returns {@code null} for a body it cannot read and never throws.
 */
final class SyscallRecord {

    private final String body;
    private final String name;
    private final int[] argBounds;
    private final int argCount;
    private final long result;
    private final boolean completed;
    private final int annotFrom;
    private final int annotTo;
    private final String errno;

    private SyscallRecord(String body, String name, int[] argBounds, int argCount, long result,
            boolean completed, int annotFrom, int annotTo, String errno) {
        this.body = body;
        this.name = name;
        this.argBounds = argBounds;
        this.argCount = argCount;
        this.result = result;
        this.completed = completed;
        this.annotFrom = annotFrom;
        this.annotTo = annotTo;
        this.errno = errno;
    }

    String name() {
        return name;
    }

    int argCount() {
        return argCount;
    }

    /** The raw text of argument {@code i}, or {@code ""} if there is no such argument. */
    String arg(int i) {
        return i < argCount ? body.substring(argBounds[2 * i], argBounds[2 * i + 1]) : "";
    }

    /** The bytes of argument {@code i} if it is a complete quoted string, else {@code null}. */
    byte[] stringArg(int i) {
        return i < argCount ? StraceText.quoted(body, argBounds[2 * i], argBounds[2 * i + 1]) : null;
    }

    /** Whether argument {@code i} is a quoted string that strace cut off ({@code "..."...}). */
    boolean truncatedStringArg(int i) {
        String a = arg(i);
        return a.startsWith("\"") && a.endsWith("\"...");
    }

    /** The numeric value of argument {@code i} ({@code 0x..}, decimal, octal {@code 0..}). */
    long numArg(int i, long fallback) {
        return parseNumber(arg(i), fallback);
    }

    /** Whether the call returned (false for {@code = ?}: the task died or exec'd meanwhile). */
    boolean completed() {
        return completed;
    }

    /** The return value; meaningful only when {@link #completed()}. */
    long result() {
        return result;
    }

    boolean succeeded() {
        return completed && errno == null && result >= 0;
    }

    /** The errno name of a failed call ({@code ENOENT}), else {@code null}. */
    String errno() {
        return errno;
    }

    /** The raw (escaped) text inside the return value's {@code <...>}, or {@code null}. */
    String resultAnnotation() {
        return annotFrom < 0 ? null : body.substring(annotFrom, annotTo);
    }

    String body() {
        return body;
    }

    /** Parses a joined body; {@code null} if it does not follow the grammar. */
    static SyscallRecord parse(String body) {
        int len = body.length();
        int i = 0;
        while (i < len && isNameChar(body.charAt(i))) {
            i++;
        }
        if (i == 0 || i >= len || body.charAt(i) != '(') {
            return null;
        }
        String name = body.substring(0, i);
        int[] bounds = new int[16];
        int count = 0;
        int depth = 0;
        int argStart = i + 1;
        int j = i + 1;
        int close = -1;
        while (j < len) {
            char c = body.charAt(j);
            if (c == '"') {
                j = skipQuoted(body, j);
                if (j < 0) {
                    return null;
                }
                continue;
            }
            if (c == '<' && j > 0 && Character.isDigit(body.charAt(j - 1))) {
                // an fd's <path> annotation: '>' inside it is always escaped
                int end = body.indexOf('>', j + 1);
                if (end < 0) {
                    return null;
                }
                j = end + 1;
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            } else if (c == ')') {
                if (depth == 0) {
                    close = j;
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                bounds = addArg(bounds, count++, body, argStart, j);
                argStart = j + 1;
            }
            j++;
        }
        if (close < 0) {
            return null;
        }
        if (count > 0 || !body.substring(argStart, close).isBlank()) {
            bounds = addArg(bounds, count++, body, argStart, close);
        }
        return parseResult(body, name, bounds, count, close + 1);
    }

    private static SyscallRecord parseResult(String body, String name, int[] bounds, int count,
            int from) {
        int len = body.length();
        int i = skipSpaces(body, from);
        if (i >= len || body.charAt(i) != '=') {
            return null;
        }
        i = skipSpaces(body, i + 1);
        int tokStart = i;
        while (i < len && body.charAt(i) != ' ' && body.charAt(i) != '<') {
            i++;
        }
        String tok = body.substring(tokStart, i);
        boolean completed = !tok.equals("?");
        long result = completed ? parseNumber(tok, Long.MIN_VALUE) : 0;
        if (completed && result == Long.MIN_VALUE) {
            return null;
        }
        int annotFrom = -1;
        int annotTo = -1;
        if (i < len && body.charAt(i) == '<') {
            int end = body.indexOf('>', i + 1);
            if (end < 0) {
                return null;
            }
            annotFrom = i + 1;
            annotTo = end;
            i = end + 1;
        }
        String errno = null;
        if (i + 1 < len && body.charAt(i) == ' ' && body.charAt(i + 1) == 'E') {
            int e = i + 1;
            while (e < len && body.charAt(e) != ' ') {
                e++;
            }
            errno = body.substring(i + 1, e);
        }
        if (completed && result < 0 && errno == null) {
            errno = "E?";
        }
        return new SyscallRecord(body, name, bounds, count, result, completed, annotFrom, annotTo,
                errno);
    }

    private static int[] addArg(int[] bounds, int index, String body, int from, int to) {
        int[] b = 2 * index + 1 < bounds.length ? bounds : java.util.Arrays.copyOf(bounds,
                bounds.length * 2);
        int s = from;
        int e = to;
        while (s < e && body.charAt(s) == ' ') {
            s++;
        }
        while (e > s && body.charAt(e - 1) == ' ') {
            e--;
        }
        b[2 * index] = s;
        b[2 * index + 1] = e;
        return b;
    }

    /** Index after the closing quote of the string starting at {@code open}; -1 if unclosed. */
    private static int skipQuoted(String s, int open) {
        int k = open + 1;
        while (k < s.length()) {
            char c = s.charAt(k);
            if (c == '\\') {
                k += 2;
            } else if (c == '"') {
                return k + 1;
            } else {
                k++;
            }
        }
        return -1;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '?'
                || (c >= 'A' && c <= 'Z');
    }

    /**
     * Parses {@code -1}, decimal, {@code 0x} hex or C octal ({@code 0666}); a trailing
     * {@code <annotation>} is ignored. Returns {@code fallback} for anything else.
     */
    static long parseNumber(String s, long fallback) {
        int end = s.indexOf('<');
        String t = end >= 0 ? s.substring(0, end) : s;
        if (t.isEmpty()) {
            return fallback;
        }
        try {
            if (t.startsWith("0x")) {
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            if (t.length() > 1 && t.charAt(0) == '0') {
                return Long.parseLong(t.substring(1), 8);
            }
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
