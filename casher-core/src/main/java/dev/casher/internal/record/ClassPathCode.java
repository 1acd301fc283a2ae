package dev.casher.internal.record;

import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of the JVM's class path that are code, not data: {@code .class} files under its
 * directories (keyed by the code fingerprint, never as inputs), and its jars, whose opening by
 * class loading on a thread outside any call is not the user's I/O. Every other file on the class
 * path (a data file, a resource read with {@code getResourceAsStream}) is an input like any other.
 * Computed once from {@code java.class.path}; immutable and thread-safe.
 */
public final class ClassPathCode {
    private static final List<Path> DIRECTORIES = new ArrayList<>();
    private static final List<Path> JARS = new ArrayList<>();

    static {
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            try {
                Path p = Path.of(entry).toAbsolutePath().normalize();
                (entry.endsWith(".jar") || entry.endsWith(".zip") ? JARS : DIRECTORIES).add(p);
            } catch (InvalidPathException ignored) {
                // A class-path entry that is no path holds no classes casher could see read.
            }
        }
    }

    private ClassPathCode() {}

    /** Whether {@code path} (absolute, normalised) is a {@code .class} file under a class-path directory. */
    public static boolean isClassFile(Path path) {
        Path name = path.getFileName();
        if (name == null || !name.toString().endsWith(".class")) {
            return false;
        }
        for (Path d : DIRECTORIES) {
            if (path.startsWith(d)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code path} (absolute, normalised) is a jar named on the class path. */
    public static boolean isJar(Path path) {
        return JARS.contains(path);
    }
}
