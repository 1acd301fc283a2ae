package dev.casher.internal.call;

import dev.casher.Mode;
import dev.casher.internal.record.CallContext;
import dev.casher.internal.record.EventKind;
import dev.casher.internal.record.Recording;
import dev.casher.internal.record.StreamTee;
import dev.casher.internal.store.CacheStore;
import dev.casher.internal.util.FileStat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Record step, first half: opens a recording on the calling thread (tracker events and stream
 * output flow into it), seeded with the declared inputs. {@link StoreStep} closes it.
 */
final class RecordStep {
    private RecordStep() {}

    static Object start(CallSpec spec, Object[] args, Environment env, KeyStep.Keyed keyed,
            Trackers trackers, CacheStore.KeyLock lock, ReentrantLock flight) {
        StreamTee.install();
        if (spec.options().mode() == Mode.IN_PROCESS && !trackers.ensureInstalled()) {
            return CallEngine.Bypass.of(env, "no-tracker");
        }
        long startedAt;
        try {
            startedAt = env.store().fileSystemNow();
        } catch (IOException e) {
            startedAt = System.currentTimeMillis() * 1_000_000L;
        }
        Recording rec = new Recording(env.states(), startedAt);
        for (Path p : spec.options().inputs(args)) {
            declareInput(rec, CallEngine.absolute(p));
        }
        CallContext previous = CallContext.enter(rec);
        return new CallEngine.MissToken(spec, args, env, keyed, rec, previous, System.nanoTime(), lock, flight);
    }

    private static void declareInput(Recording rec, Path p) {
        FileStat st;
        try {
            st = FileStat.of(p);
        } catch (IOException e) {
            rec.taint("cannot read declared input " + p + ": " + e.getMessage());
            return;
        }
        if (st == null) {
            rec.event(EventKind.PROBE_MISSING, p);
        } else if (st.isDirectory()) {
            rec.event(EventKind.LIST_DIR, p);
        } else {
            rec.event(EventKind.READ, p);
        }
    }
}
