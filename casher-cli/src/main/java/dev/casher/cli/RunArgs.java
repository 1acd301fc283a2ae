package dev.casher.cli;

import dev.casher.internal.command.CommandEngine.Verbosity;
import dev.casher.internal.command.CommandFlag;
import dev.casher.internal.command.CommandSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The options of {@code casher [OPTIONS] -- COMMAND [ARGS...]}, parsed by hand so that a cache
 * hit loads no command-line framework. Everything after the first {@code --} is the command,
 * verbatim. Immutable.
 *
 * @param spec the command and its declarations
 * @param cacheDir {@code --cache-dir}, or {@code null} for the configured one
 * @param verbosity {@code --quiet}, default, or {@code -v}
 */
record RunArgs(CommandSpec spec, Path cacheDir, Verbosity verbosity) {
    /** Options that take a value, for the help text and completion. */
    static final List<String> VALUED = List.of("--env", "--input", "--output", "--ignore",
            "--cache-dir");
    /** Options without a value. */
    static final List<String> SWITCHES = List.of("--refresh", "--no-store", "--cache-failures",
            "--quiet", "-q", "--verbose", "-v");

    /**
     * Whether {@code arg}, the first argument, starts the run form: {@code --} or any option
     * other than the help and version options (subcommand names never start with a dash).
     */
    static boolean startsRunForm(String arg) {
        return arg.startsWith("-") && !List.of("-h", "--help", "-V", "--version").contains(arg);
    }

    /** Parses {@code args}; {@link UsageException} naming the bad option otherwise. */
    static RunArgs parse(String[] args, Path cwd) {
        List<String> env = new ArrayList<>();
        List<Path> inputs = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        List<String> ignore = new ArrayList<>();
        Set<CommandFlag> flags = EnumSet.noneOf(CommandFlag.class);
        Path cacheDir = null;
        Verbosity verbosity = Verbosity.NORMAL;
        int i = 0;
        while (i < args.length && !args[i].equals("--")) {
            String a = args[i];
            String name = a;
            String value = null;
            if (a.startsWith("--") && a.contains("=")) {
                name = a.substring(0, a.indexOf('='));
                value = a.substring(a.indexOf('=') + 1);
            }
            if (VALUED.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length || args[i + 1].equals("--")) {
                        throw new UsageException("option " + name + " needs a value");
                    }
                    value = args[++i];
                }
                if (value.isEmpty()) {
                    throw new UsageException("option " + name + " needs a non-empty value");
                }
                switch (name) {
                    case "--env" -> env.add(checkVarName(value));
                    case "--input" -> inputs.add(path(name, value, cwd));
                    case "--output" -> outputs.add(path(name, value, cwd));
                    case "--ignore" -> ignore.add(value);
                    default -> cacheDir = path(name, value, cwd);
                }
            } else if (value != null) {
                throw new UsageException("unknown option '" + name + "' before '--'");
            } else {
                switch (a) {
                    case "--refresh" -> flags.add(CommandFlag.REFRESH);
                    case "--no-store" -> flags.add(CommandFlag.NO_STORE);
                    case "--cache-failures" -> flags.add(CommandFlag.CACHE_FAILURES);
                    case "--quiet", "-q" -> verbosity = Verbosity.QUIET;
                    case "--verbose", "-v" -> verbosity = Verbosity.VERBOSE;
                    default -> throw new UsageException(a.startsWith("-")
                            ? "unknown option '" + a + "' before '--'"
                            : "unexpected '" + a + "': put the command after '--', e.g. "
                                    + "casher -- " + a);
                }
            }
            i++;
        }
        if (i >= args.length) {
            throw new UsageException("no command: put it after '--', e.g. casher -- make");
        }
        List<String> argv = Arrays.asList(args).subList(i + 1, args.length);
        if (argv.isEmpty() || argv.get(0).isEmpty()) {
            throw new UsageException("no command after '--'");
        }
        return new RunArgs(new CommandSpec(argv, cwd, env, inputs, outputs, ignore, flags),
                cacheDir, verbosity);
    }

    private static String checkVarName(String v) {
        boolean ok = !v.isEmpty() && !Character.isDigit(v.charAt(0));
        for (int i = 0; i < v.length() && ok; i++) {
            char c = v.charAt(i);
            ok = c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
        }
        if (!ok) {
            throw new UsageException("option --env takes a variable name, not '" + v + "'");
        }
        return v;
    }

    private static Path path(String option, String value, Path cwd) {
        try {
            return cwd.resolve(value).normalize();
        } catch (RuntimeException e) {
            throw new UsageException("option " + option + ": invalid path '" + value + "'");
        }
    }
}
