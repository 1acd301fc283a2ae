package dev.casher.internal.command;

import dev.casher.internal.record.Recording;
import dev.casher.internal.trace.StraceParser;
import dev.casher.internal.trace.StraceSupport;
import dev.casher.internal.trace.TracePipe;
import dev.casher.internal.trace.TraceResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * One command run under strace, its trace streamed through a {@link TracePipe} into the parser
 * while it runs, and the run's end decided as a shell decides it: when the command (the traced
 * root process) exits.
 *
 * <p>A run is whole only when the tracer exited by itself with the command's status, the trace
 * holds every task's exit notice and no tracer message, and it parsed without error; otherwise
 * the {@link TraceResult} carries the reason and the run is not stored. When the command exits
 * leaving processes behind (a daemon), this returns at once with the command's status; the
 * leftovers keep running under the tracer, which ends when they do (detaching would leave them
 * under a seccomp filter whose traced calls then fail with {@code ENOSYS}).
 */
final class TracedRun {
    /** How long processes may outlive the command and still count as part of its exit. */
    private static final long EXIT_GRACE_MILLIS = 150;
    /** After the command exited: how long its pipes must stay idle for its output to be read. */
    private static final long QUIET_MILLIS = 50;

    private TracedRun() {}

    /** The command's status and run time, and what its trace says. */
    record Outcome(CommandRunner.Result result, TraceResult trace) {}

    static Outcome run(StraceSupport support, CommandSpec spec, Path stdin, OutputStream out,
            OutputStream err, Recording recording) throws IOException {
        try (SignalRelay relay = SignalRelay.install()) {
            Outcome o = traced(support, spec, stdin, out, err, recording);
            String sig = relay.received();
            return sig == null ? o : new Outcome(o.result(), withReason(o.trace(),
                    "interrupted: SIG" + sig + " was passed on to the command"));
        }
    }

    private static Outcome traced(StraceSupport support, CommandSpec spec, Path stdin,
            OutputStream out, OutputStream err, Recording recording) throws IOException {
        if (!Exec.available()) {
            throw new IOException(Exec.SH + " is missing");
        }
        Path realCwd = spec.cwd().toRealPath();
        TracePipe pipe = TracePipe.open();
        Reader reader = new Reader(pipe, new StraceParser(realCwd,
                StraceParser.Completeness.EVERY_EXIT));
        CommandRunner.Running r;
        try {
            r = CommandRunner.start(Exec.traced(support, spec.argv(), pipe.sinkPath()), spec.cwd(),
                    stdin, out, err, recording);
        } catch (IOException e) {
            pipe.close();
            throw e;
        }
        try {
            if (!awaitEnd(r, reader)) {
                // The command exited, others did not: return as a shell would. The reader and the
                // tracer carry on until those processes end; nothing of this run is stored.
                r.awaitQuiet(QUIET_MILLIS);
                String why = "left " + reader.liveAtRootExit + " process(es) running after it "
                        + "exited (background processes are not traced to their end)";
                return new Outcome(new CommandRunner.Result(reader.rootStatus, r.elapsedNanos()),
                        new TraceResult(List.of(), List.of(why), 0, 0));
            }
            int tracer = r.awaitExit();
            r.awaitStreams();
            long elapsed = r.elapsedNanos();
            pipe.closeSink();
            reader.thread.join();
            TraceResult trace = reader.result;
            int status = reader.rootStatus >= 0 ? reader.rootStatus : tracer;
            if (reader.rootStatus >= 0 && tracer != reader.rootStatus) {
                trace = withReason(trace, "the tracer exited with status " + tracer
                        + ", the command with " + reader.rootStatus);
            }
            if (reader.failure != null) {
                trace = withReason(trace, "cannot read the trace (" + reader.failure + ")");
            }
            return new Outcome(new CommandRunner.Result(status, elapsed), trace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            r.process.destroy();
            throw new IOException("interrupted while " + spec.argv().get(0) + " ran", e);
        } finally {
            if (!reader.thread.isAlive()) {
                pipe.close();
            }
        }
    }

    /**
     * Waits for the tracer to exit (true), or for the command to exit leaving other processes
     * that are still running {@link #EXIT_GRACE_MILLIS} later (false).
     */
    private static boolean awaitEnd(CommandRunner.Running r, Reader reader)
            throws InterruptedException {
        long leftSince = 0;
        while (!r.process.waitFor(10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            if (reader.rootStatus < 0 || reader.liveAtRootExit == 0) {
                leftSince = 0;
                continue;
            }
            long now = System.nanoTime();
            if (leftSince == 0) {
                leftSince = now;
            } else if (now - leftSince > EXIT_GRACE_MILLIS * 1_000_000L) {
                return false;
            }
        }
        return true;
    }

    private static TraceResult withReason(TraceResult t, String reason) {
        List<String> reasons = new java.util.ArrayList<>(t.uncacheableReasons());
        reasons.add(reason);
        return new TraceResult(t.events(), reasons, t.processes(), t.syscalls(), t.taskIds());
    }

    /** Reads the trace pipe into the parser on its own thread, publishing the root's exit. */
    private static final class Reader implements Runnable {
        private final TracePipe pipe;
        private final StraceParser parser;
        final Thread thread;
        volatile int rootStatus = -1;
        /** Tasks not yet exited when the root's exit was last seen (0 until then). */
        volatile int liveAtRootExit;
        volatile TraceResult result;
        volatile String failure;

        Reader(TracePipe pipe, StraceParser parser) {
            this.pipe = pipe;
            this.parser = parser;
            this.thread = new Thread(this, "casher-trace");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            try {
                while (pipe.source().read(buf.clear()) >= 0) {
                    parser.accept(buf.array(), 0, buf.position());
                    if (parser.rootExitStatus() >= 0) {
                        liveAtRootExit = parser.liveTasks();
                        rootStatus = parser.rootExitStatus();
                    }
                }
            } catch (IOException e) {
                failure = e.getMessage();
            }
            result = parser.finish();
            rootStatus = parser.rootExitStatus();
        }
    }
}
