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
 *   exit       = "+++ exited with " status " +++" | "+++ killed by " SIGNAME [" (core dumped)"] " +++"
 *   notice     = "--- " ... | "[ " ...                                ; ignored
 *   message    = "strace: " ...                                       ; the tracer's own message
 * </pre>
 * The first task seen is the root (the command itself); its exit notice gives the command's exit
 * status ({@link #rootExitStatus()}). A tracer message is always an uncacheable reason. With
 * {@link Completeness#EVERY_EXIT} (traces written with exit notices), {@link #finish()} also
 * requires an exit notice for every task seen, so a trace cut short is never taken as whole.
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
    private final Map<Integer, List<SyscallRecord>> waiting = new LinkedHashMap<>();
    private final Set<Integer> tasks = new HashSet<>();
    private boolean rootSeen;
    private boolean firstLine = true;
    private long syscalls;
    private final Set<Integer> exited = new HashSet<>();
    private final Completeness completeness;
    private int rootPid = -1;
    private int rootExitStatus = -1;
    private byte[] partial = new byte[256];
    private int partialLength;

    /**
     * @param initialCwd the working directory the traced command starts in; give its real path
     *                   ({@code toRealPath()}), since strace's own annotations are resolved paths
     */
    public StraceParser(Path initialCwd) {
        this(initialCwd, Completeness.AS_GIVEN);
    }

    /** How much {@link #finish()} demands of the trace. */
    public enum Completeness {
        /** Whatever the trace holds (traces written without exit notices). */
        AS_GIVEN,
        /** An exit notice for every task seen, the root's included. */
        EVERY_EXIT
    }

    /**
     * @param initialCwd as for {@link #StraceParser(Path)}
     * @param completeness what {@link #finish()} requires before calling the trace whole
     */
    public StraceParser(Path initialCwd, Completeness completeness) {
        Objects.requireNonNull(initialCwd, "initialCwd");
        this.completeness = Objects.requireNonNull(completeness, "completeness");
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
        while (start < end) {
            int nl = indexOfNewline(chunk, start, end);
            if (nl < 0) {
                appendPartial(chunk, start, end - start);
                return;
            }
            if (partialLength > 0) {
                appendPartial(chunk, start, nl - start);
                String line = new String(partial, 0, partialLength, StandardCharsets.ISO_8859_1);
                partialLength = 0;
                acceptLine(line);
            } else {
                acceptLine(new String(chunk, start, nl - start, StandardCharsets.ISO_8859_1));
            }
            start = nl + 1;
        }
    }

    private static int indexOfNewline(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void appendPartial(byte[] b, int off, int len) {
        if (partialLength + len > partial.length) {
            partial = Arrays.copyOf(partial, Math.max(partial.length * 2, partialLength + len));
        }
        System.arraycopy(b, off, partial, partialLength, len);
        partialLength += len;
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
        if (line.startsWith("strace: ")) {
            // strace's own stderr shares the trace's pipe: a warning or an error of the tracer
            // (a write that failed, a process it could not follow) means the trace may lack calls.
            log.reason("tracer: " + StraceText.excerpt(line.substring(8)));
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
        if (body.startsWith("+++ ")) {
            exitNotice(pid, body);
            return;
        }
        if (body.startsWith("---") || body.startsWith("[ ")) {
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
        if (partialLength > 0) {
            String last = new String(partial, 0, partialLength, StandardCharsets.ISO_8859_1);
            partialLength = 0;
            acceptLine(last);
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
            Map.Entry<Integer, List<SyscallRecord>> e = waiting.entrySet().iterator().next();
            waiting.remove(e.getKey());
            paths.cwd(e.getKey());
            for (SyscallRecord r : e.getValue()) {
                process(e.getKey(), r);
            }
        }
        if (completeness == Completeness.EVERY_EXIT) {
            requireExits();
        }
        if (!log.sawExec()) {
            // strace could not start the command (or the trace is not ours): nothing was observed
            log.reason("no program was executed under the trace");
        }
        return new TraceResult(log.events(), log.reasons(), tasks.size(), syscalls, tasks);
    }

    /** The root task's pid, or -1 before the first call was read. */
    public int rootPid() {
        return rootPid;
    }

    /**
     * The root task's exit status as a shell reports it (its exit code, or 128 + the signal that
     * killed it), or -1 while its exit notice has not been read.
     */
    public int rootExitStatus() {
        return rootExitStatus;
    }

    /** Tasks seen whose exit notice has not been read yet. */
    public int liveTasks() {
        int live = 0;
        for (Integer t : tasks) {
            if (!exited.contains(t)) {
                live++;
            }
        }
        return live;
    }

    private void exitNotice(int pid, String body) {
        int status = exitStatus(body);
        if (status < 0) {
            unreadable("unreadable exit notice", body);
            return;
        }
        tasks.add(pid);
        exited.add(pid);
        if (pid == rootPid || rootPid < 0) {
            rootPid = pid;
            rootExitStatus = status;
        }
    }

    /** {@code +++ exited with 3 +++} ⇒ 3; {@code +++ killed by SIGTERM +++} ⇒ 143; else -1. */
    static int exitStatus(String body) {
        String exited = "+++ exited with ";
        String killed = "+++ killed by SIG";
        try {
            if (body.startsWith(exited) && body.endsWith(" +++")) {
                return Integer.parseInt(body.substring(exited.length(), body.length() - 4));
            }
            if (body.startsWith(killed)) {
                int end = body.indexOf(' ', killed.length());
                int n = Signals.number(body.substring(killed.length(), end < 0 ? body.length() : end));
                return n < 0 ? -1 : 128 + n;
            }
        } catch (NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private void requireExits() {
        if (rootExitStatus < 0) {
            log.reason("the trace ends before the command's exit (cut short)");
        }
        int live = liveTasks();
        if (live > 0) {
            log.reason("the trace ends before the exit of " + live + " process(es) (cut short)");
        }
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
        SyscallRecord r = SyscallRecord.parse(body);
        if (r == null) {
            if (!lenient) {
                unreadable("unparseable line", body);
            }
            return;
        }
        if (!rootSeen) {
            rootSeen = true;
            rootPid = pid;
            paths.start(pid, initialCwd);
        } else if (!paths.knows(pid)) {
            waiting.computeIfAbsent(pid, k -> new ArrayList<>()).add(r);
            return;
        }
        process(pid, r);
    }

    private void process(int pid, SyscallRecord r) {
        syscalls++;
        mapper.map(pid, r);
        if (FORKS.contains(r.name()) && r.succeeded() && r.result() > 0) {
            List<SyscallRecord> held = waiting.remove((int) r.result());
            if (held != null) {
                for (SyscallRecord h : held) {
                    process((int) r.result(), h);
                }
            }
        }
    }

    private void unreadable(String what, String body) {
        log.reason(what + ": " + StraceText.excerpt(body));
    }
}
