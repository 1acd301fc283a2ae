package dev.casher.cli;

import dev.casher.internal.command.CommandCache;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code casher clear}: removes every entry and blob (counters are kept unless --stats). */
@Command(name = "clear", description = "Remove everything cached (counters kept unless --stats).")
final class ClearCommand implements Callable<Integer> {
    @Mixin
    CacheOption cache;
    @Option(names = "--stats", description = "also reset the counters")
    boolean stats;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (CommandCache c = cache.open()) {
            c.store().clear();
            if (stats) {
                c.store().stats().reset();
            }
            spec.commandLine().getErr().println("casher: cleared " + c.dir());
        }
        return ExitCodes.OK;
    }
}
