package dev.casher.agent;

import dev.casher.internal.record.EventKind;
import dev.casher.internal.record.FileEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the program a child launch will run, the way the JDK's launcher does (a name with a
 * slash is taken relative to the child's directory; otherwise the JVM's own {@code PATH} is
 * searched, not the child's), and says whether strace would run exactly that program with the
 * same effect. It would not when the child's {@code PATH} finds another file (strace searches
 * the child's), when the file is neither a binary nor a {@code #!} script (the JDK falls back
 * to {@code /bin/sh}, strace fails), when it is set-user-ID or set-group-ID (a traced
 * program loses those privileges), or when it is a tracer itself (strace, ltrace, gdb, rr: a
 * process has one tracer at most).
 *
 * <p>The lookups the search made are events too: a program that later appears earlier on
 * {@code PATH} changes what runs. Stateless and thread-safe; never throws.
 */
final class CommandResolver {
    /** The JDK's search path when the JVM has no {@code PATH}. */
    private static final String JDK_DEFAULT_PATH = ":/bin:/usr/bin";
    private static final int SET_ID_BITS = 06000;
    /** Programs that trace others themselves: a process can have only one tracer. */
    private static final java.util.Set<String> TRACERS = java.util.Set.of("strace", "ltrace",
            "gdb", "rr");

    private CommandResolver() {}

    /**
     * The program, the lookups made to find it, and {@code problem}: null when strace may run
     * the command, else why not.
     */
    record Resolved(Path program, List<FileEvent> lookups, String problem) {}

    static Resolved resolve(String name, Map<String, String> childEnv, Path cwd) {
        if (name.isEmpty()) {
            return new Resolved(null, List.of(), "empty program name");
        }
        List<FileEvent> lookups = new ArrayList<>();
        Path program;
        if (name.indexOf('/') >= 0) {
            program = cwd.resolve(name).normalize();
        } else {
            String parentPath = System.getenv("PATH");
            program = search(name, parentPath == null ? JDK_DEFAULT_PATH : parentPath, cwd,
                    lookups);
            String childPath = childEnv == null ? parentPath : childEnv.get("PATH");
            if (program != null && !Objects.equals(childPath, parentPath)
                    && (childPath == null
                    || !program.equals(search(name, childPath, cwd, new ArrayList<>())))) {
                return new Resolved(program, lookups, "the child's PATH finds another program "
                        + "than the JVM's, so strace would run something else");
            }
        }
        if (program == null) {
            return new Resolved(null, lookups, "program not found on PATH");
        }
        return new Resolved(program, lookups, runnable(program));
    }

    private static Path search(String name, String path, Path cwd, List<FileEvent> lookups) {
        for (String dir : path.split(":", -1)) {
            Path candidate = cwd.resolve(dir.isEmpty() ? "." : dir).resolve(name).normalize();
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
            lookups.add(FileEvent.of(Files.exists(candidate) ? EventKind.STAT
                    : EventKind.PROBE_MISSING, candidate));
        }
        return null;
    }

    /** Null if strace can run {@code program} as the JDK would, else why not. */
    private static String runnable(Path program) {
        if (TRACERS.contains(String.valueOf(program.getFileName()))) {
            return "it traces processes itself, which it cannot do under strace: " + program;
        }
        if (!Files.isRegularFile(program) || !Files.isExecutable(program)) {
            return "not an executable file: " + program;
        }
        try {
            Object mode = Files.getAttribute(program, "unix:mode");
            if (mode instanceof Integer m && (m & SET_ID_BITS) != 0) {
                return "set-user-ID or set-group-ID program (it would lose its privileges "
                        + "under strace): " + program;
            }
            byte[] head;
            try (InputStream in = Files.newInputStream(program)) {
                head = in.readNBytes(4);
            }
            boolean elf = head.length == 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L'
                    && head[3] == 'F';
            boolean script = head.length >= 2 && head[0] == '#' && head[1] == '!';
            return elf || script ? null
                    : "neither a binary nor a #! script (the JDK would run it with /bin/sh): "
                    + program;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "cannot inspect " + program + ": " + e.getMessage();
        }
    }
}
