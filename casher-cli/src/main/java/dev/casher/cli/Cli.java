package dev.casher.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The picocli side of the CLI: help, version, completion and the subcommands. The run form
 * {@code casher [OPTIONS] -- COMMAND} never reaches here (see {@link Main}); its options are
 * listed in the help text.
 */
@Command(name = "casher", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        synopsisHeading = "%nUsage: ",
        customSynopsis = {
            "casher [OPTIONS] -- COMMAND [ARGS...]",
            "       casher SUBCOMMAND [...]  (stats explain ls show clear gc config verify)"},
        description = {
            "",
            "Runs COMMAND under strace, caches its stdout, stderr, exit status and the",
            "files it writes, keyed by its arguments, declared environment, stdin and",
            "every file it read. Running it again with nothing changed replays the",
            "result instead (alias: acache).",
            "",
            "Options of the run form (before the --):",
            "  --env VAR         the value of VAR is part of the key (repeatable)",
            "  --input PATH      declare an extra input file or directory (repeatable)",
            "  --output PATH     declare an extra output (repeatable)",
            "  --ignore GLOB     paths matching GLOB are neither inputs nor outputs",
            "                    (repeatable)",
            "  --refresh         run even on a hit, and replace the recorded run",
            "  --no-store        replay hits, but never store a new run",
            "  --cache-failures  also store runs that exit with a non-zero status",
            "  --cache-dir DIR   the cache directory (default: $CASHER_CACHE_DIR,",
            "                    else ~/.cache/casher)",
            "  -q, --quiet       print no casher: line",
            "  -v, --verbose     also print the key's parts",
            "",
            "casher's own messages go to stderr, prefixed 'casher:'; stdout is the",
            "command's.",
            ""},
        subcommands = {StatsCommand.class, ExplainCommand.class, LsCommand.class, ShowCommand.class,
            ClearCommand.class, GcCommand.class, ConfigCommand.class, VerifyCommand.class,
            AutoComplete.GenerateCompletion.class})
final class Cli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static int run(PrintStream out, PrintStream err, String... args) {
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        CommandLine cl = new CommandLine(new Cli()).setOut(o).setErr(e)
                .setExecutionExceptionHandler((ex, line, parsed) -> {
                    e.flush();
                    return ExitCodes.report(ex, err);
                })
                .setParameterExceptionHandler((ex, args2) -> {
                    err.println("casher: " + ex.getMessage());
                    ex.getCommandLine().usage(e);
                    e.flush();
                    return ExitCodes.USAGE;
                });
        cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage()
                .hidden(false);
        int code = cl.execute(args);
        o.flush();
        e.flush();
        return code;
    }

    /** The version from the jar manifest ({@code dev} when run from classes). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"casher " + (v == null ? "dev" : v) + " (Java "
                    + Runtime.version() + ", " + System.getProperty("os.name") + "/"
                    + System.getProperty("os.arch") + ")"};
        }
    }
}
