package dev.casher.internal.command;

import dev.casher.internal.call.LookupResult;
import dev.casher.internal.call.LookupStep;
import dev.casher.internal.call.Warnings;
import dev.casher.internal.command.CommandOutcome.Kind;
import dev.casher.internal.record.EventKind;
import dev.casher.internal.record.Recording;
import dev.casher.internal.replay.Replayer;
import dev.casher.internal.store.CacheDirTrust;
import dev.casher.internal.store.CacheStore;
import dev.casher.internal.trace.StraceSupport;
import dev.casher.internal.util.FileStat;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The command path, assembled in {@link #run}: key → lookup → replay (files, stdout/stderr,
 * exit status) | lock → look up again → record under strace → classify → store → evict;
 * and a plain run with one clear {@code casher:} message whenever the cache cannot be used.
 *
 * <p>stdout belongs to the command; casher's own line goes to {@code err}. Concurrent identical
 * invocations in several processes are serialised by the store's per-key lock: one runs, the
 * others wait and replay. Not thread-safe (one engine per CLI invocation).
 *
 * <p>Failure behaviour: nothing here throws for a cache, trace or store failure; the command
 * still runs and its exit status is returned.
 */
public final class CommandEngine {
    /** How much casher says on stderr. */
    public enum Verbosity { QUIET, NORMAL, VERBOSE }

    private final Supplier<CommandCache> cacheSource;
    private final Map<String, String> environ;
    private final PrintStream out;
    private final PrintStream err;
    private final Verbosity verbosity;
    private final Supplier<StraceSupport> strace;
    private final Warnings warnings;
    private final LookupStep lookup = new LookupStep();

    /**
     * @param cacheSource opens the cache; a {@link RuntimeException} (with an {@code IOException}
     *                    cause) means the cache is unusable and commands run uncached
     * @param environ the environment the command runs with (for {@code PATH} and {@code --env})
     * @param strace the tracer support, asked only on a miss (probing costs two strace runs)
     */
    public CommandEngine(Supplier<CommandCache> cacheSource, Map<String, String> environ,
            PrintStream out, PrintStream err, Verbosity verbosity, Supplier<StraceSupport> strace) {
        this.cacheSource = cacheSource;
        this.environ = environ;
        this.out = out;
        this.err = err;
        this.verbosity = verbosity;
        this.strace = strace;
        this.warnings = new Warnings(new java.util.function.Consumer<String>() {
            @Override
            public void accept(String m) { // an inner class, not a lambda: cheaper at start-up
                say(m);
            }
        });
    }

    /**
     * Runs {@code spec} through the cache, with {@code stdin} as its standard input;
     * {@code stdinLink} is the {@code /proc} link of the fd behind it ({@link Stdin#FD0} for
     * {@code System.in}, telling whether it is a terminal), or {@code null} for a plain stream.
     */
    public CommandOutcome run(CommandSpec spec, InputStream stdin, Path stdinLink) {
        String name = spec.argv().get(0);
        if (CommandRunner.resolveExecutable(name, environ.get("PATH"), spec.cwd()) == null) {
            String found = CommandRunner.unrunnable(name, environ.get("PATH"), spec.cwd());
            if (found != null) { // as a shell: 126 for a directory or a file it cannot execute
                say(found + " (nothing cached)");
                return new CommandOutcome(Kind.NOT_FOUND, 126, found);
            }
            say(name + ": command not found (nothing cached)");
            return new CommandOutcome(Kind.NOT_FOUND, 127, "command not found");
        }
        CommandCache cache;
        try {
            cache = cacheSource.get();
        } catch (RuntimeException e) {
            if (e.getCause() instanceof CacheDirTrust.UntrustedException u) {
                say("refusing the cache: " + u.getMessage() + "; the command runs uncached");
                return plain(spec, null, null, "untrusted-cache");
            }
            String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            say("cache unusable (" + why + "); the command runs uncached. Fix: make the directory "
                    + "writable or choose another with --cache-dir or CASHER_CACHE_DIR");
            return plain(spec, null, null, "cache-unavailable");
        }
        try (cache) {
            Stdin in;
            try {
                in = Stdin.capture(stdin, stdinLink, cache.spoolDir());
            } catch (IOException e) {
                say("cannot read stdin (" + e.getMessage() + "); the command runs uncached");
                return plain(spec, null, cache, "stdin-unreadable");
            }
            if (in instanceof Stdin.Unspooled u) {
                say("cannot keep stdin in " + cache.spoolDir() + " (" + u.why()
                        + "); the command runs uncached with all of its stdin");
                return plainFed(spec, u.rest(), cache);
            }
            if (in instanceof Stdin.Idle) {
                say("bypass: stdin is a pipe that stays open with nothing to read, so its content "
                        + "cannot be part of the key; close it or redirect it (< FILE, < /dev/null) to cache");
                return plain(spec, null, cache, "open-stdin-pipe");
            }
            Stdin.Content content = in instanceof Stdin.Terminal t ? Stdin.terminal(t) : (Stdin.Content) in;
            try {
                return cached(spec, content, cache);
            } finally {
                content.discard();
            }
        }
    }

    private CommandOutcome cached(CommandSpec spec, Stdin.Content stdin, CommandCache cache) {
        CommandKey key = CommandKey.of(spec, environ, stdin);
        if (verbosity == Verbosity.VERBOSE) {
            err.print(key.key().describe().indent(8).replaceFirst("^ {8}", "casher: "));
        }
        String missReason = "refresh requested";
        if (!spec.has(CommandFlag.REFRESH)) {
            LookupResult r = lookup.lookup(key.digest(), cache.store(), cache.states(), warnings);
            CommandOutcome hit = tryReplay(r, key, cache);
            if (hit != null) {
                return hit;
            }
            missReason = missReason(r);
        }
        if (spec.has(CommandFlag.NO_STORE)) {
            return unstored(spec, stdin, cache, key, missReason);
        }
        CacheStore.KeyLock lock = null;
        try {
            KeyLockWait.Result w = KeyLockWait.acquire(cache.store(), key.digest(), this::say);
            if (w.nestedIn() > 0) {
                say("nested: an enclosing casher (pid " + w.nestedIn() + ") is running this same "
                        + "command; this one runs uncached");
                return plain(spec, stdin.file(), cache, "nested");
            }
            lock = w.lock();
        } catch (IOException e) {
            warnings.once("lock", "cannot lock the cache key, a concurrent identical command may "
                    + "run twice (" + e.getMessage() + ")");
        }
        try {
            if (!spec.has(CommandFlag.REFRESH) && lock != null) {
                // Another process may have recorded it while this one waited for the lock.
                LookupResult again = lookup.lookup(key.digest(), cache.store(), cache.states(),
                        warnings);
                CommandOutcome hit = tryReplay(again, key, cache);
                if (hit != null) {
                    return hit;
                }
            }
            StraceSupport support = strace.get();
            if (!support.usable()) {
                say("cannot trace commands: " + support.problem() + "; the command runs uncached");
                return plain(spec, stdin.file(), cache, "no-strace");
            }
            return record(spec, stdin, cache, key, support, missReason);
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    private CommandOutcome record(CommandSpec spec, Stdin.Content stdin, CommandCache cache,
            CommandKey key, StraceSupport support, String missReason) {
        Recorder.Recorded r;
        try {
            r = Recorder.record(spec, stdin, cache, support, out, err,
                    PreStateMemo.snapshot(cache, key.digest()));
        } catch (IOException e) {
            say("cannot run " + spec.argv().get(0) + " under strace (" + e.getMessage()
                    + "); the command runs uncached");
            return plain(spec, stdin.file(), cache, "trace-failed");
        }
        String prefix = "miss " + key.digest().shortHex(12) + " (" + missReason + "; ran "
                + seconds(r.result().durationNanos()) + ")";
        int status = r.result().exitStatus();
        String notStored = null;
        if (status != 0 && !spec.has(CommandFlag.CACHE_FAILURES)) {
            notStored = "exit status " + status + " (--cache-failures stores failed runs)";
        }
        if (notStored != null) {
            cache.store().stats().add("misses", 1);
            cache.store().stats().add("uncacheable.failed", 1);
            say(prefix + ", not stored: " + notStored);
            return new CommandOutcome(Kind.NOT_STORED, status, notStored);
        }
        Recorder.Stored stored = Recorder.store(spec, r, cache, key);
        if (stored.reason() != null) {
            cache.store().stats().add("misses", 1);
            cache.store().stats().add("uncacheable." + stored.reasonKey(), 1);
            say(prefix + ", not stored: " + stored.reason());
            return new CommandOutcome(Kind.NOT_STORED, status, stored.reason());
        }
        cache.store().stats().add("misses", 1);
        say(prefix + ", stored " + stored.inputs() + " inputs, " + stored.outputs() + " outputs");
        evict(cache);
        return new CommandOutcome(Kind.STORED, status, missReason);
    }

    /** {@code --no-store} on a miss: nothing will be stored, so nothing is traced either. */
    private CommandOutcome unstored(CommandSpec spec, Stdin.Content stdin, CommandCache cache,
            CommandKey key, String missReason) {
        CommandRunner.Result r;
        try {
            r = CommandRunner.run(spec.argv(), spec.cwd(), stdin.file(), out, err, null);
        } catch (IOException e) {
            say("cannot run " + spec.argv().get(0) + ": " + e.getMessage());
            return new CommandOutcome(Kind.NOT_FOUND, 127, "cannot start: " + e.getMessage());
        }
        cache.store().stats().add("misses", 1);
        cache.store().stats().add("uncacheable.no-store", 1);
        say("miss " + key.digest().shortHex(12) + " (" + missReason + "; ran "
                + seconds(r.durationNanos()) + "), not stored: --no-store");
        return new CommandOutcome(Kind.NOT_STORED, r.exitStatus(), "--no-store");
    }

    private CommandOutcome tryReplay(LookupResult r, CommandKey key, CommandCache cache) {
        if (!(r instanceof LookupResult.Hit h)) {
            return null;
        }
        try {
            Replayer.checkPaths(h.entry());
            cache.replayer().restoreOutputs(h.entry());
            cache.replayer().replayStreams(h.entry(), out, err);
        } catch (IOException | RuntimeException e) {
            warnings.once("replay", "cannot replay entry " + h.entryId().shortHex(12) + " ("
                    + e.getMessage() + "); running the command again");
            lookup.forget(key.digest());
            try {
                cache.store().removeCandidate(key.digest(), h.entryId());
            } catch (IOException ignored) {
                // best effort: the next store replaces the candidate anyway
            }
            return null;
        }
        cache.store().touch(key.digest(), h.entryId(), h.entry());
        cache.store().stats().add("hits", 1);
        cache.store().stats().add("time_saved_ns", h.entry().durationNanos());
        say("hit " + key.digest().shortHex(12) + " (saved " + seconds(h.entry().durationNanos())
                + ", exit status " + h.entry().exitStatus() + ")");
        return new CommandOutcome(Kind.HIT, h.entry().exitStatus(), "recorded run matches");
    }

    /** Runs the command without the cache, its stdin fed from {@code rest}. */
    private CommandOutcome plainFed(CommandSpec spec, InputStream rest, CommandCache cache) {
        cache.store().stats().add("bypass.stdin-unspooled", 1);
        try (rest) {
            CommandRunner.Result r = CommandRunner.runFed(spec.argv(), spec.cwd(), rest);
            return new CommandOutcome(Kind.BYPASS, r.exitStatus(), "stdin-unspooled");
        } catch (IOException e) {
            say("cannot run " + spec.argv().get(0) + ": " + e.getMessage());
            return new CommandOutcome(Kind.NOT_FOUND, 127, "cannot start: " + e.getMessage());
        }
    }

    /** Runs the command without the cache, counting why; {@code stdin} null: inherited. */
    private CommandOutcome plain(CommandSpec spec, Path stdin, CommandCache cache, String reason) {
        if (cache != null) {
            cache.store().stats().add("bypass." + reason, 1);
        }
        try {
            CommandRunner.Result r = stdin == null
                    ? CommandRunner.runInherited(spec.argv(), spec.cwd())
                    : CommandRunner.run(spec.argv(), spec.cwd(), stdin, out, err, null);
            return new CommandOutcome(Kind.BYPASS, r.exitStatus(), reason);
        } catch (IOException e) {
            say("cannot run " + spec.argv().get(0) + ": " + e.getMessage());
            return new CommandOutcome(Kind.NOT_FOUND, 127, "cannot start: " + e.getMessage());
        }
    }

    private static String missReason(LookupResult r) {
        if (r instanceof LookupResult.Miss m) {
            return m.changed() == null ? "no recorded run" : "changed: " + m.changed();
        }
        if (r instanceof LookupResult.Bypass b) {
            return String.join("; ", b.reasons());
        }
        return "no recorded run";
    }

    private static void evict(CommandCache cache) {
        if (cache.store().sizeBytes() > cache.maxCacheBytes()) {
            try {
                cache.store().evict(cache.maxCacheBytes());
            } catch (IOException e) {
                // the next store tries again; a cache over its limit is still correct
            }
        }
    }

    private void say(String message) {
        if (verbosity != Verbosity.QUIET) {
            err.println("casher: " + message);
            err.flush();
        }
    }

    /** {@code 1.234 s}; no {@code String.format}, which loads a formatter and regexes on a hit. */
    static String seconds(long nanos) {
        long ms = Math.round(nanos / 1e6);
        String frac = Long.toString(1000 + ms % 1000).substring(1);
        return ms / 1000 + "." + frac + " s";
    }

    /** Declared inputs of a spec as events, as a tracker would report them. */
    static void declare(Recording rec, List<Path> inputs) {
        for (Path p : inputs) {
            try {
                FileStat st = FileStat.of(p);
                rec.event(st == null ? EventKind.PROBE_MISSING
                        : st.isDirectory() ? EventKind.LIST_DIR : EventKind.READ, p);
            } catch (IOException e) {
                rec.taint("cannot read declared input " + p + ": " + e.getMessage());
            }
        }
    }
}
