package dev.casher.internal.call;

import dev.casher.internal.fingerprint.ActionKey;
import dev.casher.internal.util.CasherLog;

/**
 * One INFO line per call (function, outcome, key, mode, cache dir, time saved) with SLF4J
 * key-values ({@link CasherLog}), and the persistent counters behind {@code Casher.stats()}.
 */
final class CallLog {

    private CallLog() {}

    static void hit(Environment env, CallSpec spec, ActionKey key, long savedNanos) {
        env.store().stats().add("hits", 1);
        env.store().stats().add("time_saved_ns", savedNanos);
        if (CasherLog.infoEnabled()) {
            String k = key.digest().shortHex(12);
            CasherLog.info("hit " + spec.label() + " (key " + k + ", saved " + savedNanos / 1_000_000 + " ms)",
                    "function", spec.label(), "outcome", "hit", "key", k, "mode", spec.options().mode(),
                    "cache_dir", env.cacheDir(), "saved_ms", savedNanos / 1_000_000);
        }
    }

    static void miss(Environment env, CallSpec spec, ActionKey key, long tookNanos, int inputs, int outputs) {
        env.store().stats().add("misses", 1);
        if (CasherLog.infoEnabled()) {
            String k = key.digest().shortHex(12);
            CasherLog.info("miss " + spec.label() + " (key " + k + ", ran " + tookNanos / 1_000_000 + " ms, "
                    + inputs + " inputs, " + outputs + " outputs stored)",
                    "function", spec.label(), "outcome", "miss", "key", k, "mode", spec.options().mode(),
                    "cache_dir", env.cacheDir(), "took_ms", tookNanos / 1_000_000, "inputs", inputs,
                    "outputs", outputs);
        }
    }

    static void uncacheable(Environment env, CallSpec spec, ActionKey key, String reasonKey, String detail) {
        env.store().stats().add("misses", 1);
        env.store().stats().add("uncacheable." + reasonKey, 1);
        if (CasherLog.infoEnabled()) {
            CasherLog.info("ran " + spec.label() + " without storing it: " + detail,
                    "function", spec.label(), "outcome", "uncacheable", "reason", reasonKey,
                    "key", key.digest().shortHex(12), "mode", spec.options().mode(), "cache_dir", env.cacheDir());
        }
    }

    static void bypass(Environment env, String reasonKey) {
        env.store().stats().add("bypass." + reasonKey, 1);
        if (CasherLog.infoEnabled()) {
            CasherLog.info("call not cached (" + reasonKey + ")", "outcome", "bypass", "reason", reasonKey);
        }
    }
}
