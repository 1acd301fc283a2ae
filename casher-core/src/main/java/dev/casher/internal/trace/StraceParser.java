package dev.casher.internal.trace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Streaming parser of an strace trace written with the options of {@link StraceCommand} into a
 * {@link TraceResult}: feed it bytes or lines in file order, then call {@link #finish()}.
 *
 * <p>Line grammar ({@code -f -qq -e signal=none -y -xx -X raw}; see {@link SyscallRecord} for the
 * body of a complete call):
 * <pre>
 *   line       = [pid spaces] (call | unfinished | resumed | notice)
 *   unfinished = name "(" partial-args " &lt;unfinished ...&gt;"      ; stashed per pid
 *   resumed    = "&lt;... " name " resumed&gt;" rest                  ; call = stash + rest
 *   notice     = "+++ " ... | "--- " ... | "[ " ...                 ; ignored
 * </pre>
 * Every path is bytes ({@code \xHH}); strings are decoded exactly and a name that is not UTF-8
 * becomes an uncacheable reason, never a mangled path. A line that cannot be read also becomes a
 * reason (except a partial first line, which a trace read from the middle may have). Lines of a
 * task that appear before its parent's {@code clone}/{@code fork} returned are held back until
 * it does, so the child starts with the parent's working directory.
 *
 * <p>Not thread-safe: one instance per trace. Never throws on bad input.
 */
public final class StraceParser {

    private static final String UNFINISHED = " <unfinished ...>";
    private static final Set<String> FORKS = Set.of("clone", "clone3", "fork", "vfork");

    private final String initialCwd;
    private final EventLog log = new EventLog();
    private final PathResolver paths = new PathResolver(log::reason);
    private final SyscallMapper mapper = new SyscallMapper(paths, log);
    private final Map<Integer, String> unfinished = new HashMap<>();
    private final Map<Integer, List<String>> waiting = new LinkedHashMap<>();
    private final Set<Integer> tasks = new HashSet<>();
    private boolean rootSeen;
    private boolean firstLine = true;
    private long syscalls;
    private byte[] partial = new byte[0];

    /**
     * @param initialCwd the working directory the traced command starts in; give its real path
     *                   ({@code toRealPath()}), since strace's own annotations are resolved paths
     */
    public StraceParser(Path initialCwd) {
        Objects.requireNonNull(initialCwd, "initialCwd");
        if (!initialCwd.isAbsolute()) {
            throw new IllegalArgumentException("initial cwd must be absolute: " + initialCwd);
        }
        this.initialCwd = initialCwd.normalize().toString();
    }

    /** Parses a whole trace file. */
    public static TraceResult parse(Path traceFile, Path initialCwd) throws IOException {
        StraceParser parser = new StraceParser(initialCwd);
        try (InputStream in = Files.newInputStream(traceFile)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                parser.accept(buf, 0, n);
            }
        }
        return parser.finish();
    }

    /** Feeds raw trace bytes; lines may span calls. */
    public void accept(byte[] chunk, int off, int len) {
        Objects.checkFromIndexSize(off, len, chunk.length);
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (chunk[i] != '\n') {
                continue;
            }
            if (partial.length > 0) {
                byte[] line = Arrays.copyOf(partial, partial.length + (i - start));
                System.arraycopy(chunk, start, line, partial.length, i - start);
                partial = new byte[0];
                acceptLine(new String(line, StandardCharsets.ISO_8859_1));
            } else {
                acceptLine(new String(chunk, start, i - start, StandardCharsets.ISO_8859_1));
            }
            start = i + 1;
        }
        if (start < end) {
            byte[] rest = Arrays.copyOf(partial, partial.length + (end - start));
            System.arraycopy(chunk, start, rest, partial.length, end - start);
            partial = rest;
        }
    }

    /**
     * Feeds one line without its terminator. Each char must be one byte of the trace
     * (ISO-8859-1); with {@code -xx} traces are pure ASCII anyway.
     */
    public void acceptLine(String line) {
        boolean lenient = firstLine;
        if (line.isBlank()) {
            return;
        }
        firstLine = false;
        int i = 0;
        while (i < line.length() && Character.isDigit(line.charAt(i))) {
            i++;
        }
        int pid = 0;
        if (i > 0 && i < line.length() && line.charAt(i) == ' ' && i <= 9) {
            pid = Integer.parseInt(line.substring(0, i));
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
        } else {
            i = 0;
        }
        String body = line.substring(i);
        if (body.startsWith("+++") || body.startsWith("---") || body.startsWith("[ ")) {
            return;
        }
        tasks.add(pid);
        if (body.endsWith(UNFINISHED)) {
            String previous = unfinished.put(pid, body.substring(0, body.length()
                    - UNFINISHED.length()));
            if (previous != null) {
                unreadable("two unfinished calls in one task", previous);
            }
            return;
        }
        if (body.startsWith("<... ")) {
            body = join(pid, body, lenient);
            if (body == null) {
                return;
            }
        }
        dispatch(pid, body, lenient);
    }

    /** Ends the trace: flushes held-back lines and reports calls that never completed. */
    public TraceResult finish() {
        if (partial.length > 0) {
            byte[] last = partial;
            partial = new byte[0];
            acceptLine(new String(last, StandardCharsets.ISO_8859_1));
        }
        for (String stash : unfinished.values()) {
            int paren = stash.indexOf('(');
            String name = paren > 0 ? stash.substring(0, paren) : stash;
            if (!name.equals("exit") && !name.equals("exit_group") && !name.startsWith("wait")) {
                unreadable("call never completed", stash);
            }
        }
        unfinished.clear();
        // tasks whose creation was never seen: resolve what can be resolved without a cwd
        while (!waiting.isEmpty()) {
            Map.Entry<Integer, List<String>> e = waiting.entrySet().iterator().next();
            waiting.remove(e.getKey());
            paths.cwd(e.getKey());
            for (String body : e.getValue()) {
                process(e.getKey(), body, false);
            }
        }
        return new TraceResult(log.events(), log.reasons(), tasks.size(), syscalls);
    }

    private String join(int pid, String body, boolean lenient) {
        int end = body.indexOf(" resumed>");
        String stash = unfinished.remove(pid);
        if (end < 0 || stash == null) {
            if (!lenient) {
                unreadable(end < 0 ? "malformed resumed line" : "resumed call without its start",
                        body);
            }
            return null;
        }
        String name = body.substring(5, end);
        if (!stash.startsWith(name + "(")) {
            unreadable("resumed call does not match its start " + StraceText.excerpt(stash), body);
            return null;
        }
        return stash + body.substring(end + " resumed>".length());
    }

    private void dispatch(int pid, String body, boolean lenient) {
        if (!rootSeen) {
            rootSeen = true;
            paths.start(pid, initialCwd);
        } else if (!paths.knows(pid)) {
            waiting.computeIfAbsent(pid, k -> new ArrayList<>()).add(body);
            return;
        }
        process(pid, body, lenient);
    }

    private void process(int pid, String body, boolean lenient) {
        SyscallRecord r = SyscallRecord.parse(body);
        if (r == null) {
            if (!lenient) {
                unreadable("unparseable line", body);
            }
            return;
        }
        syscalls++;
        mapper.map(pid, r);
        if (FORKS.contains(r.name()) && r.succeeded() && r.result() > 0) {
            List<String> held = waiting.remove((int) r.result());
            if (held != null) {
                for (String b : held) {
                    process((int) r.result(), b, false);
                }
            }
        }
    }

    private void unreadable(String what, String body) {
        log.reason(what + ": " + StraceText.excerpt(body));
    }
}
