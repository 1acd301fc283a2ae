package dev.casher.internal.trace;

import dev.casher.internal.record.EventKind;
import dev.casher.internal.record.FileEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Builds strace lines in the {@code -y -xx -X raw} format, and parses them, for tests. */
final class TraceLines {

    private TraceLines() {
    }

    /** {@code \xHH} for every byte of {@code bytes}. */
    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 4);
        for (byte b : bytes) {
            sb.append(String.format("\\x%02x", b & 0xff));
        }
        return sb.toString();
    }

    static String hex(String s) {
        return hex(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A quoted string argument. */
    static String q(String s) {
        return "\"" + hex(s) + "\"";
    }

    static String q(byte[] b) {
        return "\"" + hex(b) + "\"";
    }

    /** An fd with its path annotation: {@code 3<\x2f...>}. */
    static String fd(int fd, String path) {
        return fd + "<" + hex(path) + ">";
    }

    /** {@code AT_FDCWD} annotated with the cwd, as strace 6 prints it. */
    static String cwd(String path) {
        return fd(-100, path);
    }

    /** The root program's exec, appended so that traces count as observed; not in results. */
    static final String ROOT_EXEC = "10  execve(" + q("/root-exec") + ", [], 0x1) = 0";

    /**
     * Parses {@code lines} plus {@link #ROOT_EXEC}, and drops that exec's event, so tests
     * see only the events of their own lines.
     */
    static TraceResult parse(String initialCwd, String... lines) {
        StraceParser parser = new StraceParser(Path.of(initialCwd));
        for (String line : lines) {
            parser.acceptLine(line);
        }
        parser.acceptLine(ROOT_EXEC);
        TraceResult r = parser.finish();
        List<FileEvent> events = new java.util.ArrayList<>(r.events());
        events.remove(new FileEvent(EventKind.EXEC, Path.of("/root-exec")));
        return new TraceResult(events, r.uncacheableReasons(), r.processes(), r.syscalls());
    }

    static FileEvent ev(EventKind kind, String path) {
        return new FileEvent(kind, Path.of(path));
    }

    static List<FileEvent> events(TraceResult r) {
        return r.events();
    }
}
