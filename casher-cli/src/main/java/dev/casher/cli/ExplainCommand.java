package dev.casher.cli;

import dev.casher.internal.command.CommandCache;
import dev.casher.internal.command.CommandKey;
import dev.casher.internal.command.CommandSpec;
import dev.casher.internal.command.Explainer;
import dev.casher.internal.command.Stdin;
import dev.casher.internal.util.Digest;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code casher explain [OPTIONS] -- COMMAND}: would it hit; if not, what differs from the nearest
 * recorded run. Never runs the command. Exit code 0 for a hit, 1 for a miss.
 */
@Command(name = "explain", description = "Say whether COMMAND would hit, and if not, what "
        + "differs from the nearest recorded run.")
final class ExplainCommand implements Callable<Integer> {
    @Mixin
    CacheOption cache;
    @Option(names = "--env", paramLabel = "VAR", description = "as for the run form")
    List<String> env = new ArrayList<>();
    @Option(names = "--input", paramLabel = "PATH", description = "as for the run form")
    List<Path> inputs = new ArrayList<>();
    @Option(names = "--output", paramLabel = "PATH", description = "as for the run form")
    List<Path> outputs = new ArrayList<>();
    @Option(names = "--ignore", paramLabel = "GLOB", description = "as for the run form")
    List<String> ignore = new ArrayList<>();
    @Option(names = "--stdin", paramLabel = "FILE", description = "the stdin the command would get "
            + "(default: empty)")
    Path stdin;
    @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "the command, after --")
    List<String> command;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path cwd = Path.of("").toAbsolutePath();
        CommandSpec cs = new CommandSpec(command, cwd, env, inputs, outputs, ignore, Set.of());
        Stdin.Content in = stdin == null ? Stdin.empty()
                : new Stdin.Content(stdin, Digest.ofFile(stdin), Files.size(stdin), false);
        PrintWriter out = spec.commandLine().getOut();
        try (CommandCache c = cache.open()) {
            List<String> lines = Explainer.explain(c, CommandKey.of(cs, System.getenv(), in));
            lines.forEach(out::println);
            return lines.get(0).startsWith("would hit") ? ExitCodes.OK : ExitCodes.PROBLEMS;
        }
    }
}
