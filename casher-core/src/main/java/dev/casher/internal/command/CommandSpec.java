package dev.casher.internal.command;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One command to run through the cache, as the user asked for it. Immutable.
 *
 * @param argv the command and its arguments, as given (argv[0] is looked up on {@code PATH})
 * @param cwd the working directory, absolute
 * @param env names of environment variables whose values are part of the key ({@code --env})
 * @param inputs extra inputs declared by the user ({@code --input}); absolute
 * @param outputs extra outputs declared by the user ({@code --output}); absolute
 * @param ignore glob patterns of paths that are neither inputs nor outputs ({@code --ignore})
 * @param flags switches such as {@link CommandFlag#REFRESH}
 */
public record CommandSpec(List<String> argv, Path cwd, List<String> env, List<Path> inputs,
        List<Path> outputs, List<String> ignore, Set<CommandFlag> flags) {
    public CommandSpec {
        argv = List.copyOf(argv);
        if (argv.isEmpty() || argv.get(0).isEmpty()) {
            throw new IllegalArgumentException("no command given");
        }
        Objects.requireNonNull(cwd, "cwd");
        if (!cwd.isAbsolute()) {
            throw new IllegalArgumentException("cwd must be absolute: " + cwd);
        }
        env = List.copyOf(env);
        inputs = resolved(cwd, inputs);
        outputs = resolved(cwd, outputs);
        ignore = List.copyOf(ignore);
        flags = Set.copyOf(flags);
    }

    // Plain loops, not streams: this runs on every hit, where each lambda costs start-up time.
    private static List<Path> resolved(Path cwd, List<Path> paths) {
        Path[] out = new Path[paths.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = cwd.resolve(paths.get(i)).normalize();
        }
        return List.of(out);
    }

    /** A spec with no declarations and no flags. */
    public static CommandSpec of(List<String> argv, Path cwd) {
        return new CommandSpec(argv, cwd, List.of(), List.of(), List.of(), List.of(), Set.of());
    }

    /** Whether {@code flag} is set. */
    public boolean has(CommandFlag flag) {
        return flags.contains(flag);
    }
}
