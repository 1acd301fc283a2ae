package dev.casher.internal.fingerprint.code;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The class files one class loader sees, classified by {@link ClassOrigin} and parsed on demand.
 *
 * <p>Classification of a class's {@code .class} resource URL: {@code jrt:} (and every
 * {@code java/} class) is the JDK; {@code file:} is application code; a jar is a library, except
 * the jar the cached method itself comes from, which is application code (an application run
 * from its own jar must still see its edits); an unknown scheme is walked as application code,
 * since only walking cannot miss a change.
 *
 * <p>Thread-safe; parse results are memoised (JDK classes across all loaders). Holds its loader
 * weakly so that memoising does not keep an application's classes alive.
 */
final class ClassSource {
    private static final Map<String, ClassInfo> JDK_INFOS = new ConcurrentHashMap<>();
    private static final ClassOrigin JDK = new ClassOrigin.Jdk();

    private final WeakReference<ClassLoader> loader;
    private final Path codeSource;
    private final SubtypeIndex.Scans scans;
    private final Map<String, ClassOrigin> origins = new ConcurrentHashMap<>();
    private final Map<String, ClassInfo> infos = new ConcurrentHashMap<>();
    private volatile SubtypeIndex index;

    /**
     * @param loader the loader of the cached method's class; null for the boot loader
     * @param codeSource the directory or jar the cached method's class comes from, or null
     */
    ClassSource(ClassLoader loader, Path codeSource, SubtypeIndex.Scans scans) {
        this.loader = new WeakReference<>(
                loader == null ? ClassLoader.getPlatformClassLoader() : loader);
        this.codeSource = codeSource;
        this.scans = scans;
    }

    /** Where {@code internalName}'s bytecode comes from; cheap, memoised. */
    ClassOrigin origin(String internalName) {
        ClassOrigin known = origins.get(internalName);
        if (known == null) {
            known = classify(internalName);
            origins.put(internalName, known);
        }
        return known;
    }

    /** The parsed class; application classes with code, others with method names only. */
    ClassInfo info(String internalName) {
        ClassInfo known = infos.get(internalName);
        if (known != null) {
            return known;
        }
        ClassOrigin origin = origin(internalName);
        ClassInfo parsed;
        if (origin instanceof ClassOrigin.Jdk) {
            parsed = JDK_INFOS.computeIfAbsent(internalName, this::readJdk);
        } else if (origin instanceof ClassOrigin.Application app) {
            parsed = read(internalName, app.classFile(), origin);
        } else if (origin instanceof ClassOrigin.Library) {
            parsed = read(internalName, resource(internalName), origin);
        } else {
            parsed = ClassInfo.missing(internalName);
        }
        ClassInfo raced = infos.putIfAbsent(internalName, parsed);
        return raced != null ? raced : parsed;
    }

    /** The application class hierarchy, built on first use. */
    SubtypeIndex subtypes() {
        SubtypeIndex built = index;
        if (built == null) {
            built = SubtypeIndex.of(indexRoots(), scans);
            index = built;
        }
        return built;
    }

    private ClassOrigin classify(String internalName) {
        if (internalName.startsWith("java/")) {
            return JDK; // only the boot and platform loaders may define java.*
        }
        URL url = resource(internalName);
        if (url == null) {
            return new ClassOrigin.Missing();
        }
        switch (url.getProtocol()) {
            case "jrt":
                return JDK;
            case "file":
                return new ClassOrigin.Application(url);
            case "jar":
                Path jar = jarOf(url);
                if (jar == null || jar.equals(codeSource)) {
                    return new ClassOrigin.Application(url);
                }
                return JarIdentity.of(jar);
            default:
                return new ClassOrigin.Application(url);
        }
    }

    private URL resource(String internalName) {
        ClassLoader cl = loader();
        return cl.getResource(internalName + ".class");
    }

    private ClassLoader loader() {
        ClassLoader cl = loader.get();
        if (cl == null) {
            throw new CodeFingerprintException("class loader was collected during a walk");
        }
        return cl;
    }

    private static ClassInfo read(String internalName, URL url, ClassOrigin origin) {
        if (url == null) {
            return ClassInfo.missing(internalName);
        }
        try (InputStream in = url.openStream()) {
            return ClassParser.parse(in.readAllBytes(), origin);
        } catch (IOException | RuntimeException e) {
            throw new CodeFingerprintException("cannot read class file " + url + ": " + e, e);
        }
    }

    private ClassInfo readJdk(String internalName) {
        URL url = ClassLoader.getPlatformClassLoader().getResource(internalName + ".class");
        return url == null ? ClassInfo.missing(internalName) : read(internalName, url, JDK);
    }

    /** The jar file of a {@code jar:file:/x.jar!/a/B.class} URL; null for nested or odd URLs. */
    static Path jarOf(URL url) {
        String spec = url.getPath();
        int bang = spec.indexOf("!/");
        if (bang < 0 || !spec.startsWith("file:") || spec.indexOf("!/", bang + 2) >= 0) {
            return null;
        }
        try {
            return Path.of(new URI(spec.substring(0, bang))).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The cached method's code source and every directory its loaders and class path name. */
    private Set<Path> indexRoots() {
        Set<Path> roots = new LinkedHashSet<>();
        if (codeSource != null) {
            roots.add(codeSource);
        }
        for (ClassLoader cl = loader(); cl != null; cl = cl.getParent()) {
            if (cl instanceof URLClassLoader ucl) {
                for (URL url : ucl.getURLs()) {
                    addDirectory(roots, fileOf(url));
                }
            }
        }
        String classPath = System.getProperty("java.class.path", "");
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                addDirectory(roots, Path.of(entry));
            }
        }
        return roots;
    }

    private static void addDirectory(Set<Path> roots, Path path) {
        if (path != null && Files.isDirectory(path)) {
            roots.add(path.toAbsolutePath().normalize());
        }
    }

    static Path fileOf(URL url) {
        if (!"file".equals(url.getProtocol())) {
            return null;
        }
        try {
            return Path.of(url.toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
