package dev.casher.internal.fingerprint.code;

import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.Type;

/**
 * Computes the {@link CodeFingerprint} of a method: the bytecode of everything it can reach in
 * application code (see {@link Reachability} for what is followed and {@link MethodHasher} for
 * how instructions are normalised), library jars by identity, the JDK by feature version.
 *
 * <p>Thread-safe. Memoised per (class, method, descriptor) for the life of this instance: loaded
 * classes cannot change, so a fingerprint computed once holds for the JVM. Class files are read
 * through the owner's class loader ({@code getResource} of the {@code .class} file), parsed once
 * per loader, and the application class hierarchy is indexed once per loader and root. Two
 * threads asking for the same method at once may both compute it; both get equal values.
 *
 * <p>Failure: {@link CodeFingerprintException} when the owner has no class file (hidden classes
 * such as lambda proxies, classes generated at run time), a reached application class file or a
 * library jar cannot be read, or the method is not declared by the owner; the call must then
 * not be cached.
 */
public final class CodeFingerprinter {
    private static final CodeFingerprinter SHARED = new CodeFingerprinter();

    // Weak keys: fingerprinting must not keep a discarded application class loader alive.
    // Scans are per loader: a new loader over a rebuilt directory (hot reload) must see the
    // classes that directory holds now.
    private final Map<ClassLoader, LoaderSources> sources = new WeakHashMap<>();
    private final ClassValue<Map<String, CodeFingerprint>> memo = new ClassValue<>() {
        @Override
        protected Map<String, CodeFingerprint> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    /** A fresh fingerprinter with empty memos; most callers want {@link #shared()}. */
    public CodeFingerprinter() {}

    /** The JVM-wide instance. */
    public static CodeFingerprinter shared() {
        return SHARED;
    }

    /**
     * The fingerprint of {@code owner.methodName(descriptor)}.
     *
     * @param descriptor JVM method descriptor, e.g. {@code (I)Ljava/lang/String;}
     * @throws CodeFingerprintException if the code cannot be read (see class doc)
     */
    public CodeFingerprint fingerprint(Class<?> owner, String methodName, String descriptor) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(methodName, "methodName");
        Objects.requireNonNull(descriptor, "descriptor");
        String nameDesc = methodName + descriptor;
        Map<String, CodeFingerprint> perClass = memo.get(owner);
        CodeFingerprint known = perClass.get(nameDesc);
        if (known != null) {
            return known;
        }
        if (owner.isHidden() || owner.isArray() || owner.isPrimitive()) {
            throw new CodeFingerprintException(owner.getName()
                    + " has no class file (hidden, array or primitive class); name the method"
                    + " the lambda or proxy delegates to instead");
        }
        String internalName = owner.getName().replace('.', '/');
        CodeFingerprint computed = new Reachability(source(owner)).walk(internalName, nameDesc);
        CodeFingerprint raced = perClass.putIfAbsent(nameDesc, computed);
        return raced != null ? raced : computed;
    }

    /**
     * Makes library jars hash through {@code digester} (the cache's stat fast path: an unchanged
     * jar is not read again by a new JVM). Library jars are identified by content.
     */
    public static void digestJarsWith(JarDigester digester) {
        JarIdentity.digestWith(digester);
    }

    /** Hashes a library jar. */
    @FunctionalInterface
    public interface JarDigester {
        /** The SHA-256 of the jar's bytes. */
        dev.casher.internal.util.Digest digest(Path jar) throws java.io.IOException;
    }

    /** The fingerprint of {@code method}; see {@link #fingerprint(Class, String, String)}. */
    public CodeFingerprint fingerprint(Method method) {
        return fingerprint(method.getDeclaringClass(), method.getName(),
                Type.getMethodDescriptor(method));
    }

    private ClassSource source(Class<?> owner) {
        Path codeSource = codeSourceOf(owner);
        String key = codeSource == null ? "" : codeSource.toString();
        ClassLoader loader = owner.getClassLoader();
        synchronized (sources) {
            LoaderSources perLoader = sources.computeIfAbsent(loader,
                    l -> new LoaderSources(new SubtypeIndex.Scans(), new ConcurrentHashMap<>()));
            return perLoader.byCodeSource().computeIfAbsent(key,
                    k -> new ClassSource(loader, codeSource, perLoader.scans()));
        }
    }

    private record LoaderSources(
            SubtypeIndex.Scans scans, Map<String, ClassSource> byCodeSource) {}

    private static Path codeSourceOf(Class<?> owner) {
        CodeSource cs = owner.getProtectionDomain().getCodeSource();
        URL location = cs == null ? null : cs.getLocation();
        return location == null ? null : ClassSource.fileOf(location);
    }
}
