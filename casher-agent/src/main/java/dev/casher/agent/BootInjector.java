package dev.casher.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Defines the {@code dev.casher.agent.boot} hook classes in the boot loader, so advice inlined
 * into {@code java.base} can call them.
 *
 * <p>First choice: export {@code jdk.internal.misc} to this module and define each class with
 * the JDK's internal {@code Unsafe.defineClass(..., null loader, ...)}; silent, no flags, and it
 * keeps CDS on. Fallback: append a temporary jar to the bootstrap search path (the JVM then
 * prints a CDS warning). Either way this must run before anything references the hook classes,
 * or the application loader would define a second copy.
 *
 * <p>Not thread-safe: called under {@link CasherAgent}'s install lock. Throws
 * {@link IllegalStateException} when neither route works.
 */
final class BootInjector {
    static final String HOOK = "dev.casher.agent.boot.IoHook";
    private static final String[] CLASSES = {HOOK, HOOK + "$Busy"};

    private BootInjector() {}

    /** Whether the hook already lives in the boot loader (an earlier install). */
    static boolean injected() {
        try {
            Class.forName(HOOK, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    static void inject(Instrumentation inst) {
        if (injected()) {
            return;
        }
        Map<String, byte[]> classes = readClasses();
        try {
            defineWithUnsafe(inst, classes);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            try {
                appendJar(inst, classes);
            } catch (IOException io) {
                io.addSuppressed(e);
                throw new IllegalStateException("casher agent: cannot load its hook classes into "
                        + "the boot loader: " + io, io);
            }
        }
        if (!injected()) {
            throw new IllegalStateException(
                    "casher agent: hook classes not visible in the boot loader");
        }
    }

    private static Map<String, byte[]> readClasses() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String name : CLASSES) {
            String res = name.replace('.', '/') + ".class";
            try (InputStream in = BootInjector.class.getClassLoader().getResourceAsStream(res)) {
                if (in == null) {
                    throw new IllegalStateException("casher agent: missing " + res + " in its jar");
                }
                out.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new IllegalStateException("casher agent: cannot read " + res, e);
            }
        }
        return out;
    }

    private static void defineWithUnsafe(Instrumentation inst, Map<String, byte[]> classes)
            throws ReflectiveOperationException {
        Module javaBase = Object.class.getModule();
        Module self = BootInjector.class.getModule();
        inst.redefineModule(javaBase, Set.of(), Map.of("jdk.internal.misc", Set.of(self)),
                Map.of(), Set.of(), Map.of());
        Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
        Method define = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class,
                int.class, ClassLoader.class, java.security.ProtectionDomain.class);
        for (Map.Entry<String, byte[]> c : classes.entrySet()) {
            byte[] b = c.getValue();
            define.invoke(unsafe, c.getKey(), b, 0, b.length, null, null);
        }
    }

    private static void appendJar(Instrumentation inst, Map<String, byte[]> classes)
            throws IOException {
        Path jar = Files.createTempFile("casher-boot-", ".jar");
        jar.toFile().deleteOnExit();
        try (OutputStream fo = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(fo)) {
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                out.putNextEntry(new JarEntry(c.getKey().replace('.', '/') + ".class"));
                out.write(c.getValue());
                out.closeEntry();
            }
        }
        inst.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
    }
}
