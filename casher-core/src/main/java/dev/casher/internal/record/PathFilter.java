package dev.casher.internal.record;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Paths that are neither inputs nor outputs: the cache directory, {@code /proc}, {@code /sys},
 * {@code /dev}, the JDK home for in-process calls (keyed by its feature version), and user globs.
 * Class-path {@code .class} files are dropped before they reach a recording ({@link ClassPathCode}). Immutable and thread-safe.
 */
public final class PathFilter {
    private final List<Path> prefixes;
    private final List<PathMatcher> globs;
    private final List<String> globTexts;

    private PathFilter(List<Path> prefixes, List<String> globTexts) {
        this.prefixes = List.copyOf(prefixes);
        this.globTexts = List.copyOf(globTexts);
        List<PathMatcher> m = new ArrayList<>();
        for (String g : globTexts) {
            m.add(FileSystems.getDefault().getPathMatcher("glob:" + g));
        }
        this.globs = List.copyOf(m);
    }

    /** A filter ignoring paths under {@code prefixes} and paths matching any of {@code globs}. */
    public static PathFilter of(List<Path> prefixes, List<String> globs) {
        List<Path> abs = new ArrayList<>();
        for (Path p : prefixes) {
            abs.add(p.toAbsolutePath().normalize());
        }
        return new PathFilter(abs, globs);
    }

    /** The system locations every mode ignores. */
    public static List<Path> systemPrefixes() {
        return List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/dev"));
    }

    /** A filter that also ignores {@code more} prefixes and globs. */
    public PathFilter with(List<Path> morePrefixes, List<String> moreGlobs) {
        List<Path> p = new ArrayList<>(prefixes);
        for (Path x : morePrefixes) {
            p.add(x.toAbsolutePath().normalize());
        }
        List<String> g = new ArrayList<>(globTexts);
        g.addAll(moreGlobs);
        return new PathFilter(p, g);
    }

    /** Whether {@code path} (absolute, normalised) is ignored. */
    public boolean ignores(Path path) {
        for (Path p : prefixes) {
            if (path.startsWith(p)) {
                return true;
            }
        }
        for (PathMatcher m : globs) {
            if (m.matches(path) || (path.getFileName() != null && m.matches(path.getFileName()))) {
                return true;
            }
        }
        return false;
    }

    /** The user glob patterns, for the key (changing them changes what is recorded). */
    public List<String> globs() {
        return globTexts;
    }
}
