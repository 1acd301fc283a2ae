package dev.casher.internal.trace;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decoding of strace's quoted strings and {@code <path>} annotations into the exact bytes the
 * traced program passed, and of those bytes into Java strings.
 *
 * <p>Trace lines are handled as ISO-8859-1 strings, so each {@code char} is one byte of the trace
 * file. With {@code -xx} every string is {@code \xHH} escapes only; the C escapes strace uses
 * without it ({@code \n}, {@code \\}, {@code \"}, octal {@code \377}) are decoded too, so a trace
 * written with other options still decodes exactly.
 *
 * <p>Not thread-safe: an instance keeps a reusable UTF-8 decoder. Methods return {@code null}
 * for malformed input instead of throwing.
 */
final class StraceText {

    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    /**
     * The bytes of a quoted string argument {@code "..."}; {@code null} if {@code text[from,to)}
     * is not exactly one complete quoted string (for example {@code NULL}, or a string strace
     * truncated, which it marks with a trailing {@code ...}).
     */
    static byte[] quoted(String text, int from, int to) {
        if (to - from < 2 || text.charAt(from) != '"' || text.charAt(to - 1) != '"') {
            return null;
        }
        return unescape(text, from + 1, to - 1);
    }

    /**
     * Decodes C/strace escapes in {@code text[from,to)} to bytes; {@code null} if an escape is
     * malformed, a raw quote appears, or a char is not a byte.
     */
    static byte[] unescape(String text, int from, int to) {
        byte[] out = new byte[to - from];
        int n = 0;
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (c > 0xff || c == '"') {
                return null;
            }
            if (c != '\\') {
                out[n++] = (byte) c;
                i++;
                continue;
            }
            if (i + 1 >= to) {
                return null;
            }
            char e = text.charAt(i + 1);
            if (e == 'x') {
                int hi = i + 2 < to ? Character.digit(text.charAt(i + 2), 16) : -1;
                int lo = i + 3 < to ? Character.digit(text.charAt(i + 3), 16) : -1;
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out[n++] = (byte) (hi << 4 | lo);
                i += 4;
            } else if (e >= '0' && e <= '7') {
                int v = 0;
                int j = i + 1;
                while (j < to && j < i + 4 && text.charAt(j) >= '0' && text.charAt(j) <= '7') {
                    v = v * 8 + (text.charAt(j) - '0');
                    j++;
                }
                if (v > 0xff) {
                    return null;
                }
                out[n++] = (byte) v;
                i = j;
            } else {
                int b = simpleEscape(e);
                if (b < 0) {
                    return null;
                }
                out[n++] = (byte) b;
                i += 2;
            }
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    private static int simpleEscape(char e) {
        switch (e) {
            case 'n': return '\n';
            case 't': return '\t';
            case 'r': return '\r';
            case 'v': return 0x0b;
            case 'f': return '\f';
            case 'a': return 0x07;
            case 'b': return '\b';
            case '\\': return '\\';
            case '"': return '"';
            case '\'': return '\'';
            default: return -1;
        }
    }

    /**
     * Strict UTF-8 decoding; {@code null} if the bytes are not valid UTF-8 or contain NUL (a name
     * Java's {@code Path} cannot represent exactly must never become a path).
     */
    String utf8(byte[] bytes) {
        boolean ascii = true;
        for (byte b : bytes) {
            if (b == 0) {
                return null;
            }
            if (b < 0) {
                ascii = false;
            }
        }
        if (ascii) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Bytes shown to a human: printable ASCII as is, backslash doubled, everything else
     * {@code \xHH}. Used in uncacheable reasons so the culprit can be found with {@code ls -b}.
     */
    static String escape(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int v = b & 0xff;
            if (v == '\\') {
                sb.append("\\\\");
            } else if (v >= 0x20 && v < 0x7f) {
                sb.append((char) v);
            } else {
                sb.append(String.format("\\x%02x", v));
            }
        }
        return sb.toString();
    }

    /** Like {@link #escape(byte[])} for a raw trace fragment, cut to a readable length. */
    static String excerpt(String line) {
        String cut = line.length() > 200 ? line.substring(0, 200) + "..." : line;
        StringBuilder sb = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            } else {
                sb.append(String.format("\\x%02x", (int) c & 0xff));
            }
        }
        return sb.toString();
    }
}
