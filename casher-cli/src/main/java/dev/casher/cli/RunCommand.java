package dev.casher.cli;

import dev.casher.CasherConfig;
import dev.casher.internal.command.CommandCache;
import dev.casher.internal.command.CommandEngine;
import dev.casher.internal.command.CommandOutcome;
import dev.casher.internal.command.Stdin;
import dev.casher.internal.trace.StraceSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * {@code casher [OPTIONS] -- COMMAND}: runs the command through the cache and returns its exit
 * status (replayed on a hit). Thin: the work is {@link CommandEngine}'s.
 */
final class RunCommand {
    private RunCommand() {}

    static int run(RunArgs args, InputStream stdin, PrintStream out, PrintStream err) {
        CasherConfig config = CasherConfig.fromEnvironment();
        Path dir = args.cacheDir() != null ? args.cacheDir() : config.cacheDir();
        long max = config.maxCacheBytes();
        // Inner classes, not lambdas: a lambda's first use costs start-up time on every hit.
        Supplier<CommandCache> cache = new Supplier<>() {
            @Override
            public CommandCache get() {
                try {
                    return CommandCache.open(dir, max);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        Supplier<StraceSupport> strace = new Supplier<>() {
            @Override
            public StraceSupport get() {
                return strace();
            }
        };
        CommandEngine engine = new CommandEngine(cache, System.getenv(), out, err,
                args.verbosity(), strace);
        CommandOutcome outcome = engine.run(args.spec(), stdin,
                stdin == System.in ? Stdin.FD0 : null);
        return outcome.exitStatus();
    }

    /**
     * The probed strace support; {@code CASHER_SECCOMP_BPF=off} turns the seccomp-bpf filter off
     * (to measure its effect, or to work around a kernel that mishandles it).
     */
    private static StraceSupport strace() {
        StraceSupport s = StraceSupport.detect();
        if (s.usable() && s.seccompBpf() && "off".equals(System.getenv("CASHER_SECCOMP_BPF"))) {
            return new StraceSupport(s.strace(), s.version(), false, true, null);
        }
        return s;
    }
}
