package dev.casher.agent;

import dev.casher.agent.boot.IoHook;
import dev.casher.internal.record.Recording;
import dev.casher.internal.record.Subprocess;
import dev.casher.internal.trace.StraceParser;
import dev.casher.internal.trace.TraceResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One child process a cached call runs under strace: its trace file, the recordings waiting for
 * its events, and the threads forwarding its inherited output. The trace is parsed once, as soon
 * as the process exits (or when first asked), then deleted.
 *
 * <p>Thread-safe. Never throws from {@link #running()} or {@link #result()}.
 */
final class TracedChild implements Subprocess {
    /** How long a finished child's output forwarding may take to drain before it counts as open. */
    private static final long DRAIN_MILLIS = 200;
    /** How long waitFor waits for forwarded output after the process exited. */
    private static final long SETTLE_MILLIS = 5_000;

    private final String command;
    private final Path traceFile;
    private final Path cwd;
    private final List<Recording> recordings;
    private final List<Thread> pumps = new CopyOnWriteArrayList<>();
    private volatile Process process;
    private volatile boolean failed;
    private volatile boolean forced;
    private Result result;

    TracedChild(String command, Path traceFile, Path cwd, List<Recording> recordings) {
        this.command = command;
        this.traceFile = traceFile;
        this.cwd = cwd;
        this.recordings = List.copyOf(recordings);
    }

    @Override
    public String command() {
        return command;
    }

    /** The launch succeeded: strace runs as {@code p}. */
    void started(Process p) {
        process = p;
        // Merge as soon as it exits: everything the call records later is then ordered after
        // the child's events, nothing is left for a call that never waits, and no trace file
        // is left behind a call that threw.
        p.onExit().whenComplete((x, e) -> {
            result();
            mergeIntoRecordings();
        });
    }

    /** The launch threw: nothing ran. */
    void failed() {
        failed = true;
        deleteTrace();
    }

    void addPump(Thread pump) {
        pumps.add(pump);
    }

    /** strace itself was killed: its trace may lack the last lines. */
    void forced() {
        forced = true;
    }

    @Override
    public boolean running() {
        if (failed) {
            return false;
        }
        Process p = process;
        return p == null || p.isAlive() || !pumpsDone(DRAIN_MILLIS);
    }

    /**
     * The call saw the process exit: waits (bounded) for its forwarded output, then merges its
     * events into every recording that still wants them, so later work is ordered after them.
     */
    void exited() {
        pumpsDone(SETTLE_MILLIS);
        mergeIntoRecordings();
    }

    private void mergeIntoRecordings() {
        IoHook.quietly(() -> {
            for (Recording r : recordings) {
                r.childExited(this);
            }
        });
    }

    private boolean pumpsDone(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (Thread t : pumps) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized Result result() {
        if (result != null) {
            return result;
        }
        if (failed || process == null) {
            return Result.empty();
        }
        // Quietly: reading the trace (and loading the parser) is casher's I/O, on whatever
        // thread asks first (the JDK's process reaper, the waiting thread, the store step).
        Result[] r = new Result[1];
        IoHook.quietly(() -> r[0] = parse());
        deleteTrace();
        result = r[0];
        return result;
    }

    private Result parse() {
        try {
            TraceResult t = StraceParser.parse(traceFile, cwd);
            List<String> reasons = new ArrayList<>(t.uncacheableReasons());
            if (forced) {
                reasons.add("strace was killed; its trace may be incomplete");
            }
            return new Result(t.events(), reasons);
        } catch (IOException | RuntimeException e) {
            return new Result(List.of(), List.of("could not read its trace: " + e));
        }
    }

    /** The command's own process (strace's child), if it has been forked yet. */
    Optional<ProcessHandle> commandProcess() {
        Process p = process;
        return p == null ? Optional.empty() : p.toHandle().children().findFirst();
    }

    /**
     * The command's pid: the task of the trace's first line (its {@code execve}), or -1 before
     * strace wrote it. Read from the trace because the command may be gone (and its
     * descendants reparented) before anyone asks strace for its children.
     */
    long commandPidFromTrace() {
        long[] pid = {-1};
        IoHook.quietly(() -> {
            try (java.io.BufferedReader r = Files.newBufferedReader(traceFile,
                    java.nio.charset.StandardCharsets.ISO_8859_1)) {
                String first = r.readLine();
                int sp = first == null ? -1 : first.indexOf(' ');
                pid[0] = sp <= 0 ? -1 : Long.parseLong(first.substring(0, sp));
            } catch (IOException | RuntimeException e) {
                pid[0] = -1;
            }
        });
        return pid[0];
    }

    /**
     * The exit status the command passed to {@code exit_group}, read from the trace (strace
     * writes each line as it goes), or null if the trace does not show one (killed by a
     * signal, or not written yet). For a command whose descendants outlive it.
     */
    Integer exitStatusFromTrace(long commandPid) {
        Integer[] status = new Integer[1];
        IoHook.quietly(() -> status[0] = readExitStatus(commandPid));
        return status[0];
    }

    private Integer readExitStatus(long commandPid) {
        // "PID exit_group(5) = ?" (strace pads short pids with spaces), or
        // "PID exit_group(5 <unfinished ...>" when another task's line came in between.
        java.util.regex.Pattern exit = java.util.regex.Pattern.compile(
                "^" + commandPid + " +exit_group\\((\\d+)");
        try (java.util.stream.Stream<String> lines = Files.lines(traceFile,
                java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return lines.map(exit::matcher).filter(java.util.regex.Matcher::find).findFirst()
                    .map(m -> Integer.parseInt(m.group(1)) & 0xff).orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void deleteTrace() {
        IoHook.quietly(() -> {
            try {
                Files.deleteIfExists(traceFile);
            } catch (IOException ignored) {
                // A leftover trace in casher's private temp directory is harmless.
            }
        });
    }
}
