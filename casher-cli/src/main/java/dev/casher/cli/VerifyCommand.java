package dev.casher.cli;

import dev.casher.internal.command.CommandCache;
import dev.casher.internal.store.VerifyMode;
import dev.casher.internal.store.VerifyReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code casher verify [--repair]}: checks every checksum and reference; 1 on problems left. */
@Command(name = "verify", description = "Check every checksum and reference in the cache.")
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    CacheOption cache;
    @Option(names = "--repair", description = "remove what is damaged or dangling")
    boolean repair;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (CommandCache c = cache.open()) {
            VerifyReport r = c.store().verify(repair ? VerifyMode.REPAIR : VerifyMode.REPORT);
            r.problems().forEach(p -> out.println("problem: " + p));
            out.printf("checked %d blobs, %d entries, %d manifests: %d problem(s), %d removed%n",
                    r.blobsChecked(), r.entriesChecked(), r.manifestsChecked(), r.problems().size(),
                    r.removed());
            return r.clean() || repair ? ExitCodes.OK : ExitCodes.PROBLEMS;
        }
    }
}
