package dev.casher.agent;

import dev.casher.internal.record.CallContext;
import dev.casher.internal.record.StreamTag;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The {@link Process} a call gets for a child running under strace: the strace process, made to
 * look like the command. Exit status and streams are the command's (strace passes the status
 * through and re-raises a fatal signal); inherited stdout/stderr, turned into pipes, read as
 * empty streams as they would have, while pump threads forward the bytes to
 * {@code System.out}/{@code System.err} (the tee copies them into the call's recordings).
 * {@code destroy}/{@code destroyForcibly} signal the command, not strace, so strace survives to
 * finish the trace. Observing the exit ({@code waitFor}, {@code exitValue}, {@code isAlive},
 * {@code onExit}) first lets forwarded output drain, then merges the child's events into the
 * recordings, so the call's next steps are ordered after them.
 *
 * <p>A command that exits leaving a descendant running (strace follows it, so strace lives on)
 * counts as exited once it has been gone for a grace period: its status is read from the trace.
 * Differences that remain: {@code pid()} and {@code toHandle()} are strace's, and the command
 * is its child; {@code onExit()} completes when strace exits. Thread-safe as the wrapped
 * process.
 */
final class TracedProcess extends Process {
    private final Process strace;
    private final TracedChild child;
    private final boolean stdoutForwarded;
    private final boolean stderrForwarded;
    /** How often waitFor looks whether only the command's descendants keep strace alive. */
    private static final long POLL_MILLIS = 100;
    /** How long strace may outlive the command before its descendants count as left behind. */
    private static final long GRACE_MILLIS = 300;
    private volatile long commandPid;
    private volatile long commandGoneAt;
    private volatile Integer earlyStatus;

    private TracedProcess(Process strace, TracedChild child, boolean stdoutForwarded,
            boolean stderrForwarded) {
        this.strace = strace;
        this.child = child;
        this.stdoutForwarded = stdoutForwarded;
        this.stderrForwarded = stderrForwarded;
    }

    /** Wraps a started strace process; starts the pumps of the streams that were inherited. */
    static TracedProcess start(Process strace, TracedChild child, CallContext chain,
            boolean forwardStdout, boolean forwardStderr) {
        child.started(strace);
        if (forwardStdout) {
            child.addPump(pump(strace.getInputStream(), StreamTag.STDOUT, chain, strace.pid()));
        }
        if (forwardStderr) {
            child.addPump(pump(strace.getErrorStream(), StreamTag.STDERR, chain, strace.pid()));
        }
        return new TracedProcess(strace, child, forwardStdout, forwardStderr);
    }

    private static Thread pump(InputStream in, StreamTag tag, CallContext chain, long pid) {
        Thread t = new Thread(() -> forward(in, tag, chain),
                "casher-child-" + pid + "-" + tag.name().toLowerCase(java.util.Locale.ROOT));
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void forward(InputStream in, StreamTag tag, CallContext chain) {
        // The chain makes the tee copy these bytes into the call's recordings.
        CallContext.attach(chain);
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                PrintStream out = tag == StreamTag.STDOUT ? System.out : System.err;
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // The pipe broke: the child is gone; nothing more to forward.
        } finally {
            CallContext.detach(null);
        }
    }

    @Override
    public OutputStream getOutputStream() {
        return strace.getOutputStream();
    }

    @Override
    public InputStream getInputStream() {
        return stdoutForwarded ? InputStream.nullInputStream() : strace.getInputStream();
    }

    @Override
    public InputStream getErrorStream() {
        return stderrForwarded ? InputStream.nullInputStream() : strace.getErrorStream();
    }

    @Override
    public int waitFor() throws InterruptedException {
        while (true) {
            if (strace.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                child.exited();
                return strace.exitValue();
            }
            Integer early = statusIfOnlyDescendantsRemain();
            if (early != null) {
                return early;
            }
        }
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (true) {
            long left = deadline - System.nanoTime();
            if (strace.waitFor(Math.max(0, Math.min(left,
                    TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS))), TimeUnit.NANOSECONDS)) {
                child.exited();
                return true;
            }
            if (statusIfOnlyDescendantsRemain() != null) {
                return true;
            }
            if (left <= 0) {
                return false;
            }
        }
    }

    @Override
    public int exitValue() {
        if (strace.isAlive()) {
            Integer early = statusIfOnlyDescendantsRemain();
            if (early != null) {
                return early;
            }
        }
        int status = strace.exitValue();
        child.exited();
        return status;
    }

    @Override
    public boolean isAlive() {
        boolean alive = strace.isAlive();
        if (!alive) {
            child.exited();
            return false;
        }
        return statusIfOnlyDescendantsRemain() == null;
    }

    /**
     * strace -f lasts until every descendant it follows has exited; a command that leaves a
     * background process behind (a daemon) has exited for its caller all the same. When the
     * command has been gone for a grace period while strace lives on, its status is read from
     * the trace; null while that is not (yet) the case. The call is then tainted at its end,
     * since the descendant is still running.
     */
    private Integer statusIfOnlyDescendantsRemain() {
        Integer s = earlyStatus;
        if (s != null) {
            return s;
        }
        long pid = commandPid;
        if (pid <= 0) {
            pid = child.commandPidFromTrace();
            if (pid <= 0) {
                return null;
            }
            commandPid = pid;
        }
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return null;
        }
        long now = System.nanoTime();
        if (commandGoneAt == 0) {
            commandGoneAt = now;
        }
        if (now - commandGoneAt < TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS)
                || !strace.isAlive()) {
            return null;
        }
        s = child.exitStatusFromTrace(pid);
        earlyStatus = s;
        return s;
    }

    @Override
    public CompletableFuture<Process> onExit() {
        return strace.onExit().thenApply(p -> {
            child.exited();
            return this;
        });
    }

    @Override
    public void destroy() {
        Optional<ProcessHandle> cmd = commandProcess();
        if (cmd.isPresent()) {
            cmd.get().destroy();
        } else {
            strace.destroy();
        }
    }

    @Override
    public Process destroyForcibly() {
        Optional<ProcessHandle> cmd = commandProcess();
        if (cmd.isPresent()) {
            // strace survives the command's death and completes the trace.
            cmd.get().destroyForcibly();
        } else {
            child.forced();
            strace.destroyForcibly();
        }
        return this;
    }

    /** The command (strace's child); strace forks it within milliseconds of starting. */
    private Optional<ProcessHandle> commandProcess() {
        for (int i = 0; i < 100 && strace.isAlive(); i++) {
            Optional<ProcessHandle> cmd = child.commandProcess();
            if (cmd.isPresent()) {
                return cmd;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean supportsNormalTermination() {
        return strace.supportsNormalTermination();
    }

    @Override
    public long pid() {
        return strace.pid();
    }

    @Override
    public ProcessHandle toHandle() {
        return strace.toHandle();
    }

    @Override
    public ProcessHandle.Info info() {
        return strace.info();
    }

    @Override
    public Stream<ProcessHandle> children() {
        return strace.children();
    }

    @Override
    public Stream<ProcessHandle> descendants() {
        return strace.descendants();
    }

    @Override
    public String toString() {
        return strace.toString();
    }
}
