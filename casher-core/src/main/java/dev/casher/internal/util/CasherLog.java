package dev.casher.internal.util;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * casher's one door to logging, so that a warning is never lost and logging never breaks a call.
 *
 * <p>With an SLF4J provider bound, everything goes to the logger {@code dev.casher}: warnings and
 * errors at WARN, the per-call line at INFO (with key-values on SLF4J 2). Without one —
 * {@code slf4j-api} missing (an application given only {@code -javaagent:casher.jar}) or present
 * with no provider (SLF4J's no-operation fallback) — warnings and errors are printed on standard
 * error as {@code casher: <message>} and INFO lines are dropped. Callers say each cause once
 * ({@code Warnings}, or {@link #warnOnce} for causes that are the JVM's, not an engine's).
 *
 * <p>Standard error means the stream beneath casher's own tee when {@code System.err} is that tee,
 * so a warning printed while a call records is not captured as the call's output. The backend is
 * chosen once, at the first message. Thread-safe.
 */
public final class CasherLog {
    private static volatile PrintStream teeErr;
    private static volatile PrintStream beneathTee;
    private static final Set<String> SAID = ConcurrentHashMap.newKeySet();

    private CasherLog() {}

    /** Logs a warning; {@code message} has no {@code casher:} prefix. */
    public static void warn(String message) {
        if (Backend.SLF4J) {
            Slf4j.warn(message);
        } else {
            stderr(message);
        }
    }

    /** Logs a warning the first time {@code cause} is seen in this JVM. */
    public static void warnOnce(String cause, String message) {
        if (SAID.add(cause)) {
            warn(message);
        }
    }

    /** Whether an INFO line would reach a logger: check before building one. */
    public static boolean infoEnabled() {
        return Backend.SLF4J && Slf4j.infoEnabled();
    }

    /**
     * Logs an INFO line ({@code message} without prefix) with key-value pairs
     * ({@code key1, value1, key2, value2, ...}), which SLF4J 2 attaches to the event and older
     * APIs drop. Nothing without a provider.
     */
    public static void info(String message, Object... keyValues) {
        if (Backend.SLF4J) {
            Slf4j.info(message, keyValues);
        }
    }

    /** Called by the stdout/stderr tee when it replaces {@code System.err} with {@code tee}. */
    public static void stderrTeed(PrintStream tee, PrintStream beneath) {
        beneathTee = beneath;
        teeErr = tee;
    }

    private static void stderr(String message) {
        PrintStream err = System.err;
        PrintStream beneath = beneathTee;
        if (beneath != null && err == teeErr) {
            err = beneath;
        }
        err.println("casher: " + message);
    }

    /** Decided at the first message: loading it is what loads SLF4J. */
    private static final class Backend {
        static final boolean SLF4J = detect();

        private static boolean detect() {
            try {
                Class.forName("org.slf4j.LoggerFactory", false, CasherLog.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError absent) {
                return false;
            }
            try {
                return Slf4j.providerBound();
            } catch (RuntimeException | LinkageError broken) {
                return false;
            }
        }
    }

    /** Every reference to SLF4J types; loaded only when slf4j-api is there. */
    private static final class Slf4j {
        static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("dev.casher");
        static final boolean FLUENT = fluent();

        static boolean providerBound() {
            return !(org.slf4j.LoggerFactory.getILoggerFactory() instanceof org.slf4j.helpers.NOPLoggerFactory);
        }

        private static boolean fluent() {
            try {
                Class.forName("org.slf4j.spi.LoggingEventBuilder", false, CasherLog.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError slf4j1) {
                return false;
            }
        }

        static void warn(String message) {
            LOG.warn("casher: " + message);
        }

        static boolean infoEnabled() {
            return LOG.isInfoEnabled();
        }

        static void info(String message, Object[] keyValues) {
            if (!FLUENT) {
                LOG.info("casher: " + message);
                return;
            }
            org.slf4j.spi.LoggingEventBuilder b = LOG.atInfo();
            for (int i = 0; i + 1 < keyValues.length; i += 2) {
                b = b.addKeyValue(String.valueOf(keyValues[i]), keyValues[i + 1]);
            }
            b.log("casher: " + message);
        }
    }
}
