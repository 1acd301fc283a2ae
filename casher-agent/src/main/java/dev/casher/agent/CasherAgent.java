package dev.casher.agent;

import dev.casher.internal.lookup.FileDigester;
import dev.casher.internal.lookup.InputStates;
import dev.casher.internal.lookup.StatCache;
import dev.casher.internal.record.CallContext;
import dev.casher.internal.record.EventKind;
import dev.casher.internal.record.PathTrace;
import dev.casher.internal.record.Recording;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * The casher Java agent: entry points for {@code -javaagent:casher.jar} ({@link #premain})
 * and dynamic attach ({@link #agentmain}), and {@link #install()}, which self-attaches when the
 * JVM was started without the agent.
 *
 * <p>Installing injects the boot hook, retransforms the JDK choke points and every loaded class
 * with {@code @Cached} methods (later-loaded ones are woven as they load), connects the hook to
 * {@link CallContext}, installs the stdout/stderr tee, and proves it works: a probe read of a
 * temporary file inside a recording must produce a READ event.
 *
 * <p>Thread-safe and idempotent. A failed install is remembered: later calls rethrow the same
 * failure rather than retransforming the JDK twice.
 */
public final class CasherAgent {
    private static final Object LOCK = new Object();
    private static volatile boolean installed;
    private static IllegalStateException failure;
    private static long installNanos;
    private static volatile Instrumentation instrumentation;

    private CasherAgent() {}

    /** {@code -javaagent} entry point. Never throws: a failure is printed and kept for later. */
    public static void premain(String args, Instrumentation inst) {
        try {
            install(inst);
        } catch (RuntimeException e) {
            System.err.println("casher: agent disabled: " + e.getMessage());
        }
    }

    /** Dynamic-attach entry point; same as {@link #premain}. */
    public static void agentmain(String args, Instrumentation inst) {
        premain(args, inst);
    }

    /**
     * Drops every file event under {@code prefix}, in every thread. For paths that are never
     * inputs or outputs of a cached call but are touched by other threads while calls record:
     * the cache directory (stores of other calls), log directories (async appenders). Without
     * this such background writes taint every open recording. Thread-safe; may be called
     * before or after install.
     */
    public static void ignore(Path prefix) {
        IgnoredPaths.add(prefix);
    }

    /** Whether the agent is installed and passed its self-test. */
    public static boolean installed() {
        return installed;
    }

    /** The instrumentation of the installed agent, or null (for tests and tools). */
    static Instrumentation instrumentation() {
        return instrumentation;
    }

    /** Wall time the successful install took, in nanoseconds (0 before). */
    public static long installNanos() {
        return installNanos;
    }

    /**
     * Installs the agent in this JVM, self-attaching if it was not given with {@code -javaagent}.
     *
     * @throws IllegalStateException if the JVM cannot attach (no {@code jdk.attach} module, or
     *     attach disabled), the JDK classes cannot be transformed, or the self-test fails
     */
    public static void install() {
        if (installed) {
            return;
        }
        synchronized (LOCK) {
            if (installed) {
                return;
            }
            if (failure != null) {
                throw failure;
            }
            Instrumentation inst;
            try {
                disableNexus();
                inst = ByteBuddyAgent.install();
            } catch (RuntimeException e) {
                failure = new IllegalStateException("casher agent: cannot attach to this JVM ("
                        + e.getMessage() + "); start it with -javaagent:<the casher jar>", e);
                throw failure;
            }
            install(inst);
        }
    }

    /** Installs with a given instrumentation (from premain/agentmain or self-attach). */
    static void install(Instrumentation inst) {
        synchronized (LOCK) {
            if (installed) {
                return;
            }
            if (failure != null) {
                throw failure;
            }
            long t0 = System.nanoTime();
            try {
                doInstall(inst);
            } catch (RuntimeException | LinkageError e) {
                failure = e instanceof IllegalStateException ise ? ise
                        : new IllegalStateException("casher agent: install failed: " + e, e);
                throw failure;
            }
            installNanos = System.nanoTime() - t0;
            instrumentation = inst;
            installed = true;
        }
    }

    private static void doInstall(Instrumentation inst) {
        if (!inst.isRetransformClassesSupported()) {
            throw new IllegalStateException("casher agent: this JVM cannot retransform classes; "
                    + "the agent jar needs Can-Retransform-Classes: true");
        }
        disableNexus();
        // Inject before anything links against the hook, or the app loader defines its own copy.
        BootInjector.inject(inst);
        List<String> errors = Weaver.newErrorList();
        Set<String> transformed = Weaver.installJdkHooks(inst, errors);
        if (!errors.isEmpty()) {
            throw new IllegalStateException(
                    "casher agent: could not instrument the JDK: " + errors);
        }
        List<String> cachedErrors = Weaver.newErrorList();
        Weaver.installCachedWeaving(inst, cachedErrors);
        if (!cachedErrors.isEmpty()) {
            System.err.println("casher: could not weave @Cached methods of: " + cachedErrors);
        }
        HookBridge.connect();
        TeeStreams.install();
        selfTest(transformed);
    }

    private static void disableNexus() {
        // ByteBuddy's Nexus would otherwise use sun.misc.Unsafe (a JDK 24+ warning); we need none.
        if (System.getProperty("net.bytebuddy.nexus.disabled") == null) {
            System.setProperty("net.bytebuddy.nexus.disabled", "true");
        }
    }

    private static void selfTest(Set<String> transformed) {
        for (String required : Weaver.jdkTargets()) {
            if (!transformed.contains(required)) {
                throw new IllegalStateException("casher agent: self-test failed: " + required
                        + " was not instrumented (transformed: " + transformed + ")");
            }
        }
        Path probe;
        try {
            probe = Files.createTempFile("casher-selftest-", ".txt").toAbsolutePath().normalize();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "casher agent: self-test cannot create a temp file: " + e, e);
        }
        Recording rec = new Recording(new InputStates(new FileDigester(StatCache.NONE)), 0);
        try {
            CallContext prev = CallContext.enter(rec);
            try {
                Files.readAllBytes(probe);
            } finally {
                CallContext.exit(prev);
            }
        } catch (IOException e) {
            throw new IllegalStateException("casher agent: self-test read failed: " + e, e);
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // A leftover empty temp file is harmless.
            }
        }
        PathTrace trace = rec.snapshot().paths().get(probe);
        if (trace == null || !trace.kinds().contains(EventKind.READ)) {
            throw new IllegalStateException("casher agent: self-test failed: reading " + probe
                    + " inside a recording produced no READ event; in-process file tracking "
                    + "does not work on this JVM (" + System.getProperty("java.vm.name") + " "
                    + System.getProperty("java.version") + ")");
        }
    }
}
