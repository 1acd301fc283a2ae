package dev.casher.cli;

import dev.casher.CasherConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code casher config}: the effective settings and where each comes from. */
@Command(name = "config", description = "Show the effective settings and where each comes from.")
final class ConfigCommand implements Callable<Integer> {
    @Mixin
    CacheOption cache;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (CasherConfig.Setting s : CasherConfig.fromEnvironment().settings().values()) {
            if (s.name().equals(CasherConfig.CACHE_DIR) && cache.cacheDir != null) {
                s = new CasherConfig.Setting(s.name(), cache.dir().toString(),
                        "option --cache-dir");
            }
            out.println(s);
        }
        return ExitCodes.OK;
    }
}
