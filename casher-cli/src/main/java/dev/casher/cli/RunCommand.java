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
        CommandEngine engine = new CommandEngine(() -> {
            try {
                return CommandCache.open(dir, max);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, System.getenv(), out, err, args.verbosity(), StraceSupport::detect);
        CommandOutcome outcome = engine.run(args.spec(), stdin,
                stdin == System.in ? Stdin.FD0 : null);
        return outcome.exitStatus();
    }
}
