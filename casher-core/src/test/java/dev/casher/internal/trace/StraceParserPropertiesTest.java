package dev.casher.internal.trace;

import static dev.casher.internal.trace.TraceLines.cwd;
import static dev.casher.internal.trace.TraceLines.fd;
import static dev.casher.internal.trace.TraceLines.q;
import static org.assertj.core.api.Assertions.assertThat;

import dev.casher.internal.record.EventKind;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Exact round trip of arbitrary file names, and no exception on any input. */
class StraceParserPropertiesTest {

    /** Bytes that stress the syntax: quotes, commas, brackets, newlines, escapes, non-UTF-8. */
    private static final byte[] NASTY = " \"',<>()[]{}=\n\t\\x0?*.-_~é日".getBytes(
            StandardCharsets.UTF_8);

    @Provide
    Arbitrary<byte[]> names() {
        Arbitrary<Byte> nasty = Arbitraries.of(box(NASTY));
        Arbitrary<Byte> any = Arbitraries.bytes().filter(b -> b != 0 && b != '/');
        return Arbitraries.oneOf(List.of(nasty, nasty, any)).list().ofMinSize(1).ofMaxSize(40)
                .map(StraceParserPropertiesTest::unbox)
                .filter(b -> !isDots(b));
    }

    @Property(tries = 200)
    void hexEncodedName_roundTripsExactly_orIsRejectedAsNonUtf8(@ForAll("names") byte[] name) {
        String line = "10  openat(" + cwd("/w") + ", " + q(name) + ", 0) = 3";
        assertRoundTrip(name, TraceLines.parse("/w", line));
    }

    @Property(tries = 200)
    void cEscapedName_roundTripsExactly_orIsRejectedAsNonUtf8(@ForAll("names") byte[] name) {
        // the default (non -xx) strace quoting: \" \\ \n \t and octal for the rest
        String line = "10  openat(AT_FDCWD, \"" + cEscape(name) + "\", 0) = 3";
        assertRoundTrip(name, TraceLines.parse("/w", line));
    }

    @Property(tries = 200)
    void absoluteMultiComponentPath_roundTrips(@ForAll("names") byte[] a,
            @ForAll("names") byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'/'});
        out.writeBytes(a);
        out.writeBytes(new byte[] {'/'});
        out.writeBytes(b);
        byte[] path = out.toByteArray();
        TraceResult r = TraceLines.parse("/w", "10  unlinkat(" + fd(3, "/ignored") + ", "
                + q(path) + ", 0) = 0");
        if (isUtf8(path)) {
            assertThat(r.uncacheableReasons()).isEmpty();
            assertThat(r.events()).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(EventKind.DELETE);
                assertThat(e.path().toString().getBytes(StandardCharsets.UTF_8))
                        .isEqualTo(path);
            });
        } else {
            assertThat(r.events()).isEmpty();
            assertThat(r.uncacheableReasons()).singleElement().asString()
                    .startsWith("path is not valid UTF-8");
        }
    }

    /** Complete calls that strace may split into unfinished and resumed halves. */
    private static final List<String> SPLITTABLE = List.of(
            "openat(" + cwd("/w") + ", " + q("a, b") + ", 0x241, 0666) = " + fd(3, "/w/a, b"),
            "renameat2(" + cwd("/w") + ", " + q("x") + ", " + fd(4, "/o") + ", " + q("y")
                    + ", 0x1) = 0",
            "newfstatat(" + cwd("/w") + ", " + q("m") + ", 0x7ff, 0) = -1 ENOENT (No such file)",
            "execve(" + q("/bin/sh") + ", [" + q("sh") + ", " + q("-c") + "], 0x1 /* 2 vars */)"
                    + " = 0");

    @Property(tries = 200)
    void unfinishedResumedSplitAtAnyArgument_givesTheSameEvents(
            @ForAll @IntRange(min = 0, max = 3) int which, @ForAll @IntRange(min = 0, max = 9)
            int cutAt) {
        String call = SPLITTABLE.get(which);
        String name = call.substring(0, call.indexOf('('));
        // strace splits after "(" or after an argument's ", "
        List<Integer> cuts = new java.util.ArrayList<>(List.of(call.indexOf('(') + 1));
        for (int i = call.indexOf(", "); i >= 0 && i < call.indexOf(") ="); i = call.indexOf(
                ", ", i + 1)) {
            if (!inQuotes(call, i)) {
                cuts.add(i + 2);
            }
        }
        int cut = cuts.get(cutAt % cuts.size());
        TraceResult whole = TraceLines.parse("/w", "10  " + call);
        TraceResult split = TraceLines.parse("/w",
                "10  " + call.substring(0, cut) + " <unfinished ...>",
                "11  +++ exited with 0 +++",
                "10  <... " + name + " resumed>" + call.substring(cut));
        assertThat(split.uncacheableReasons()).isEqualTo(whole.uncacheableReasons()).isEmpty();
        assertThat(split.events()).isEqualTo(whole.events()).isNotEmpty();
    }

    private static boolean inQuotes(String s, int at) {
        int quotes = 0;
        for (int i = 0; i < at; i++) {
            if (s.charAt(i) == '"') {
                quotes++;
            }
        }
        return quotes % 2 == 1;
    }

    @Property(tries = 200)
    void garbageLines_neverThrow(@ForAll("garbage") List<String> lines) {
        StraceParser parser = new StraceParser(Path.of("/w"));
        for (String line : lines) {
            parser.acceptLine(line);
        }
        assertThat(parser.finish()).isNotNull();
    }

    @Property(tries = 500)
    void truncatedRealLines_neverThrow_andAreNeverSilentlyDropped(
            @ForAll @IntRange(min = 1, max = 200) int cut) {
        String full = "10  renameat2(" + cwd("/w") + ", " + q("a b") + ", " + fd(4, "/o") + ", "
                + q("c,d") + ", 0x1) = 0";
        String part = full.substring(0, Math.min(cut, full.length() - 1));
        TraceResult r = TraceLines.parse("/w", "10  execve(" + q("/bin/x") + ", [], 0x1) = 0",
                part);
        assertThat(r.events()).hasSize(1);
        assertThat(r.cacheable()).isFalse();
    }

    @Property(tries = 200)
    void randomBytesThroughAccept_neverThrow(@ForAll byte[] bytes) {
        StraceParser parser = new StraceParser(Path.of("/w"));
        parser.accept(bytes, 0, bytes.length);
        assertThat(parser.finish()).isNotNull();
    }

    @Provide
    Arbitrary<List<String>> garbage() {
        Arbitrary<String> token = Arbitraries.of("10  ", "11 ", "openat(", "-100<", "\\x2f",
                "\\x6", "\"", "\\", ">", "<", ", ", ")", " = ", "-1 ENOENT (x)", "0x241", "3<",
                " <unfinished ...>", "<... openat resumed>", "<... ", " resumed>", "{", "}", "[",
                "]", "?", "clone(", "flags=0x200|17", "execve(", "getdents64(", "chdir(",
                "st_mode=040755", "\"\"", "NULL", "+++", "\u00ff", "\u0100", "99999999999 ");
        return token.list().ofMaxSize(30).map(l -> String.join("", l)).list().ofMaxSize(8);
    }

    private static void assertRoundTrip(byte[] name, TraceResult r) {
        byte[] expected = concat("/w/".getBytes(StandardCharsets.US_ASCII), name);
        if (isUtf8(name)) {
            assertThat(r.uncacheableReasons()).isEmpty();
            assertThat(r.events()).singleElement().satisfies(e ->
                    assertThat(e.path().toString().getBytes(StandardCharsets.UTF_8))
                            .isEqualTo(expected));
        } else {
            assertThat(r.events()).isEmpty();
            assertThat(r.uncacheableReasons()).singleElement().asString()
                    .startsWith("path is not valid UTF-8");
        }
    }

    private static String cEscape(byte[] name) {
        StringBuilder sb = new StringBuilder();
        for (byte b : name) {
            int v = b & 0xff;
            if (v == '"' || v == '\\') {
                sb.append('\\').append((char) v);
            } else if (v == '\n') {
                sb.append("\\n");
            } else if (v == '\t') {
                sb.append("\\t");
            } else if (v >= 0x20 && v < 0x7f) {
                sb.append((char) v);
            } else {
                // strace pads to three digits when a digit follows; always padding is as valid
                sb.append('\\').append(String.format("%03o", v));
            }
        }
        return sb.toString();
    }

    private static boolean isUtf8(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean isDots(byte[] b) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        return s.equals(".") || s.equals("..");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Byte[] box(byte[] bytes) {
        Byte[] out = new Byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i];
        }
        return out;
    }

    private static byte[] unbox(List<Byte> list) {
        byte[] out = new byte[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}
