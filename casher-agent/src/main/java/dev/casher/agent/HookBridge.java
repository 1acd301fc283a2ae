package dev.casher.agent;

import dev.casher.agent.boot.IoHook;
import dev.casher.internal.record.CallContext;
import dev.casher.internal.record.EventKind;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The application-loader side of {@link IoHook}: turns raw hook calls (a String, File or Path
 * and a kind code) into {@link CallContext} events with absolute, normalised paths, and wires
 * the propagation and subprocess hooks. Must only be loaded after {@link BootInjector} ran,
 * because it links against the boot copy of {@link IoHook}.
 *
 * <p>Events under {@link IgnoredPaths} are dropped here. Thread-safe; never throws into a hook.
 */
final class HookBridge {
    private static final EventKind[] KINDS = EventKind.values();

    private HookBridge() {}

    /** Sets the hook's functional interfaces and computes its fast-path flag. */
    static void connect() {
        IoHook.events = HookBridge::event;
        IoHook.mutations = raw -> beforeMutation(raw, false);
        IoHook.keepingMutations = raw -> beforeMutation(raw, true);
        IoHook.submissions = Propagation::submitted;
        IoHook.taskStarts = Propagation::taskStarted;
        IoHook.taskEnds = Propagation::taskEnded;
        IoHook.threadStarts = Propagation::threadStarted;
        IoHook.launches = ChildTracing::launching;
        IoHook.launcheds = ChildTracing::launched;
        IoHook.closings = Propagation::closing;
        IoHook.openProbe = CallContext::anyOpen;
        CallContext.setLazyAttach(Propagation::ensureAttached);
        Propagation.preload();
        toPath("/");
        IoHook.refresh();
    }

    static void event(Object raw, int kind) {
        try {
            Path p = toPath(raw);
            if (p == null || IgnoredPaths.contains(p)) {
                return;
            }
            Propagation.ensureAttached();
            CallContext.event(KINDS[kind], p);
        } catch (RuntimeException e) {
            // An unparsable path or a recording failure must not break the user's I/O.
            CallContext.taintCurrent("agent could not record a file event: " + e);
        }
    }

    /**
     * Before a change: reports a READ first when the open keeps existing content (so the
     * recording captures the pre-call state as an input), then lets the recordings capture the
     * pre-call state; returns whether the path existed.
     */
    static int beforeMutation(Object raw, boolean keepsContent) {
        try {
            Propagation.ensureAttached();
            if (CallContext.current() == null) {
                return -1;
            }
            Path p = toPath(raw);
            if (p == null || IgnoredPaths.contains(p)) {
                return -1;
            }
            // The hook's busy flag keeps this probe out of the recording.
            boolean existed = Files.exists(p, LinkOption.NOFOLLOW_LINKS);
            if (existed && keepsContent) {
                CallContext.event(EventKind.READ, p);
            }
            CallContext.beforeMutation(p);
            return existed ? 1 : 0;
        } catch (RuntimeException e) {
            CallContext.taintCurrent("agent could not inspect a path before a change: " + e);
            return -1;
        }
    }

    static Path toPath(Object raw) {
        Path p;
        if (raw instanceof Path) {
            p = (Path) raw;
        } else if (raw instanceof File) {
            p = ((File) raw).toPath();
        } else if (raw instanceof String) {
            p = Path.of((String) raw);
        } else {
            return null;
        }
        return p.toAbsolutePath().normalize();
    }
}
