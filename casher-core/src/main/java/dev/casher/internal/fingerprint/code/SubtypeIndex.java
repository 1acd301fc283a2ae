package dev.casher.internal.fingerprint.code;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.objectweb.asm.ClassReader;

/**
 * Which application classes extend or implement a given type: the class-hierarchy index that lets
 * a virtual or interface call reach every application override the class path offers, including
 * implementations the walked code never instantiates (they may arrive as arguments).
 *
 * <p>Built from class-path roots (directories, and the cached method's own jar); each root is
 * scanned once per {@link Scans} (one per class loader and fingerprinter) by reading only class
 * file headers. Jars other than the cached method's own are not scanned: library classes cannot
 * extend application types they were compiled without. Thread-safe: immutable once built. A
 * root that cannot be read throws {@link CodeFingerprintException}.
 */
final class SubtypeIndex {
    private final Map<String, List<String>> direct;

    private SubtypeIndex(Map<String, List<String>> direct) {
        this.direct = direct;
    }

    /** Merges the scans of {@code roots}. */
    static SubtypeIndex of(Set<Path> roots, Scans scans) {
        Map<String, List<String>> merged = new HashMap<>();
        for (Path root : roots) {
            scans.scan(root).forEach((sup, subs) ->
                    merged.computeIfAbsent(sup, k -> new ArrayList<>()).addAll(subs));
        }
        return new SubtypeIndex(merged);
    }

    /** Every transitive subtype (classes and interfaces) of {@code type}, sorted. */
    Set<String> subtypesOf(String type) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(type));
        while (!todo.isEmpty()) {
            for (String sub : direct.getOrDefault(todo.poll(), List.of())) {
                if (seen.add(sub)) {
                    todo.add(sub);
                }
            }
        }
        return seen;
    }

    /** Memoised per-root scans: supertype name to its direct subtypes declared in the root. */
    static final class Scans {
        private final Map<Path, Map<String, List<String>>> byRoot = new ConcurrentHashMap<>();

        Map<String, List<String>> scan(Path root) {
            return byRoot.computeIfAbsent(root, Scans::read);
        }

        private static Map<String, List<String>> read(Path root) {
            Map<String, List<String>> index = new HashMap<>();
            try {
                if (Files.isDirectory(root)) {
                    try (Stream<Path> files = Files.walk(root)) {
                        for (Path file : (Iterable<Path>) files::iterator) {
                            if (isClassFile(file.toString())) {
                                add(index, Files.readAllBytes(file));
                            }
                        }
                    }
                } else if (Files.isRegularFile(root)) {
                    try (ZipFile zip = new ZipFile(root.toFile())) {
                        for (ZipEntry e : Collections.list(zip.entries())) {
                            if (isClassFile(e.getName())) {
                                try (InputStream in = zip.getInputStream(e)) {
                                    add(index, in.readAllBytes());
                                }
                            }
                        }
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                throw new CodeFingerprintException("cannot index class-path root " + root, e);
            }
            return index;
        }

        private static boolean isClassFile(String name) {
            return name.endsWith(".class") && !name.endsWith("module-info.class")
                    && !name.endsWith("package-info.class")
                    && !name.contains("META-INF/versions/");
        }

        private static void add(Map<String, List<String>> index, byte[] bytes) {
            ClassReader header;
            try {
                header = new ClassReader(bytes);
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                return; // not a class file we can read; it cannot be loaded either
            }
            Set<String> supers = new LinkedHashSet<>(List.of(header.getInterfaces()));
            if (header.getSuperName() != null) {
                supers.add(header.getSuperName());
            }
            for (String sup : supers) {
                index.computeIfAbsent(sup, k -> new ArrayList<>()).add(header.getClassName());
            }
        }
    }
}
