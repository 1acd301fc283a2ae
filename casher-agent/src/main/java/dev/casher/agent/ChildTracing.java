package dev.casher.agent;

import dev.casher.internal.record.CallContext;
import dev.casher.internal.record.FileEvent;
import dev.casher.internal.record.Recording;
import dev.casher.internal.trace.StraceCommand;
import dev.casher.internal.trace.StraceSupport;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Child processes started inside a cached call: the {@code ProcessImpl.start} hook's logic.
 *
 * <p>On a thread working for a call, when strace is usable and will run exactly the program the
 * JDK would ({@link CommandResolver}), the launch is rewritten to run the command under
 * {@link StraceCommand#wrap} writing a trace into a private temporary directory; everything else
 * of the launch (directory, environment, stdin, file and pipe redirects) is kept, except that
 * inherited stdout/stderr become pipes forwarded live ({@link TracedProcess}). The child is
 * registered with every recording of the chain ({@link Recording#childStarted}) before it runs.
 * Otherwise the chain is tainted: "untraced subprocess: CMD (why)". A launch on a thread with no
 * chain while recordings are open taints every open recording.
 *
 * <p>{@code strace -f} exits only when every descendant it follows has; {@link TracedProcess}
 * hides that for a command that exits normally, and {@link #PROPERTY} turns tracing off.
 *
 * <p>strace support is detected on the first traced launch (about 0.3 s, once per JVM), not at
 * install: a JVM whose cached calls start no processes never pays for it. Thread-safe; never
 * throws into the hook.
 */
final class ChildTracing {
    /**
     * {@code -Dcasher.trace-children=false} launches children plainly (they then taint): an
     * escape hatch for programs that misbehave under ptrace.
     */
    static final String PROPERTY = "casher.trace-children";
    private static volatile Supplier<StraceSupport> support = StraceSupport::detect;
    private static final AtomicLong COUNT = new AtomicLong();
    private static volatile Path traceDir;

    private ChildTracing() {}

    /** Replaces strace detection (tests simulate a machine without a usable strace). */
    static void useStrace(Supplier<StraceSupport> s) {
        support = s;
    }

    /** What the launch hook hands back for the exit hook. */
    private sealed interface Token permits Traced, Untraced {}

    private record Traced(TracedChild child, CallContext chain, boolean forwardStdout,
            boolean forwardStderr) implements Token {}

    private record Untraced(String command, String problem) implements Token {}

    /** {@code IoHook.launches}: the launch array is {command, env, dir, redirects, mergeErr}. */
    static Object launching(Object raw) {
        Object[] launch = (Object[]) raw;
        String command = String.join(" ", (String[]) launch[0]);
        try {
            Propagation.ensureAttached();
            if (CallContext.current() == null) {
                if (CallContext.anyOpen()) {
                    CallContext.taintAll("untraced subprocess: " + command + " (unattributed, "
                            + "thread '" + Thread.currentThread().getName() + "')");
                }
                return null;
            }
            return prepare(launch, command);
        } catch (IOException | RuntimeException e) {
            return new Untraced(command, "could not prepare its trace: " + e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Token prepare(Object[] launch, String command) throws IOException {
        if ("false".equals(System.getProperty(PROPERTY))) {
            return new Untraced(command, "child tracing disabled by -D" + PROPERTY + "=false");
        }
        StraceSupport strace = support.get();
        if (!strace.usable()) {
            return new Untraced(command, "strace unavailable: " + strace.problem());
        }
        String[] argv = (String[]) launch[0];
        String dir = (String) launch[2];
        Path cwd = (dir == null ? Path.of("") : Path.of(dir)).toAbsolutePath().toRealPath();
        CommandResolver.Resolved program =
                CommandResolver.resolve(argv[0], (Map<String, String>) launch[1], cwd);
        for (FileEvent e : program.lookups()) {
            CallContext.event(e.kind(), e.path());
        }
        if (program.problem() != null) {
            return new Untraced(command, program.problem());
        }
        Path trace = traceDir().resolve("child-" + COUNT.incrementAndGet() + ".trace");
        List<String> wrapped = StraceCommand.wrap(strace, List.of(argv), trace);
        Redirect[] redirects = (Redirect[]) launch[3];
        boolean mergeErr = (Boolean) launch[4];
        boolean out = redirects != null && redirects[1] == Redirect.INHERIT;
        boolean err = redirects != null && redirects[2] == Redirect.INHERIT && !mergeErr;
        if (out || err) {
            // A copy: ProcessBuilder hands over its own array.
            redirects = redirects.clone();
            redirects[1] = out ? Redirect.PIPE : redirects[1];
            redirects[2] = err ? Redirect.PIPE : redirects[2];
        }
        List<Recording> chain = CallContext.recordings();
        TracedChild child = new TracedChild(command, trace, cwd, chain);
        for (Recording r : chain) {
            r.childStarted(child);
        }
        launch[0] = wrapped.toArray(new String[0]);
        launch[3] = redirects;
        return new Traced(child, CallContext.capture(), out, err);
    }

    /** {@code IoHook.launcheds}: the launch returned {@code process} (null: it threw). */
    static Object launched(Object token, Object process) {
        try {
            if (token instanceof Untraced u) {
                if (process != null) {
                    CallContext.taintCurrent("untraced subprocess: " + u.command() + " ("
                            + u.problem() + ")");
                }
                return process;
            }
            Traced t = (Traced) token;
            if (process == null) {
                t.child().failed();
                return null;
            }
            return TracedProcess.start((Process) process, t.child(), t.chain(),
                    t.forwardStdout(), t.forwardStderr());
        } catch (RuntimeException e) {
            CallContext.taintCurrent("agent could not follow a subprocess: " + e);
            return process;
        }
    }

    /** The trace directory, or null before the first traced launch (for tests). */
    static Path currentTraceDir() {
        return traceDir;
    }

    /** casher's private directory for traces, created once, owner-only, ignored as I/O. */
    private static Path traceDir() throws IOException {
        Path d = traceDir;
        if (d == null) {
            synchronized (ChildTracing.class) {
                d = traceDir;
                if (d == null) {
                    d = Files.createTempDirectory("casher-children-").toAbsolutePath()
                            .normalize();
                    IgnoredPaths.add(d);
                    d.toFile().deleteOnExit();
                    traceDir = d;
                }
            }
        }
        return d;
    }
}
