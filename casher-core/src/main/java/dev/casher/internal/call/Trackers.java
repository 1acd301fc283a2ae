package dev.casher.internal.call;

import dev.casher.spi.InputTracker;
import java.util.ServiceLoader;

/**
 * Finds and installs the in-process {@link InputTracker} (the casher agent) once per JVM.
 * Without one, in-process calls are not tracked: they run without caching, with one clear
 * error, rather than being cached with inputs silently missing. Thread-safe.
 */
final class Trackers {
    private final Warnings warnings;
    private volatile Boolean ready;
    private volatile String problem;

    Trackers(Warnings warnings) {
        this.warnings = warnings;
    }

    /** Whether a tracker is installed and proved to work; tries once. */
    boolean ensureInstalled() {
        Boolean r = ready;
        if (r != null) {
            return r;
        }
        synchronized (this) {
            if (ready == null) {
                ready = install();
            }
            return ready;
        }
    }

    /** Why in-process tracking is unavailable, or {@code null}. */
    String problem() {
        return problem;
    }

    private boolean install() {
        InputTracker found = null;
        for (InputTracker t : ServiceLoader.load(InputTracker.class, Trackers.class.getClassLoader())) {
            found = t;
            break;
        }
        if (found == null) {
            problem = "no in-process tracker: the casher agent is not on the class path (add the casher "
                    + "jar, or give -javaagent:casher.jar), or use mode DECLARED to cache with declared "
                    + "inputs and outputs only";
        } else {
            try {
                found.install();
                return true;
            } catch (Exception | LinkageError e) {
                problem = "in-process tracking failed to install (" + e.getMessage()
                        + "); on JDK 21+ start the JVM with -javaagent:casher.jar, or use mode DECLARED";
            }
        }
        warnings.once("tracker", problem + "; in-process cached calls run without caching");
        return false;
    }
}
