package dev.casher.internal.call;

import dev.casher.internal.fingerprint.ActionKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per call (function, outcome, key, mode, cache dir, time saved) with SLF4J
 * key-values, and the persistent counters behind {@code Casher.stats()}.
 */
final class CallLog {
    private static final Logger LOG = LoggerFactory.getLogger("dev.casher");

    private CallLog() {}

    static void hit(Environment env, CallSpec spec, ActionKey key, long savedNanos) {
        env.store().stats().add("hits", 1);
        env.store().stats().add("time_saved_ns", savedNanos);
        if (LOG.isInfoEnabled()) {
            LOG.atInfo().addKeyValue("function", spec.label()).addKeyValue("outcome", "hit")
                    .addKeyValue("key", key.digest().shortHex(12)).addKeyValue("mode", spec.options().mode())
                    .addKeyValue("cache_dir", env.cacheDir()).addKeyValue("saved_ms", savedNanos / 1_000_000)
                    .log("casher: hit {} (key {}, saved {} ms)", spec.label(), key.digest().shortHex(12),
                            savedNanos / 1_000_000);
        }
    }

    static void miss(Environment env, CallSpec spec, ActionKey key, long tookNanos, int inputs, int outputs) {
        env.store().stats().add("misses", 1);
        if (LOG.isInfoEnabled()) {
            LOG.atInfo().addKeyValue("function", spec.label()).addKeyValue("outcome", "miss")
                    .addKeyValue("key", key.digest().shortHex(12)).addKeyValue("mode", spec.options().mode())
                    .addKeyValue("cache_dir", env.cacheDir()).addKeyValue("took_ms", tookNanos / 1_000_000)
                    .addKeyValue("inputs", inputs).addKeyValue("outputs", outputs)
                    .log("casher: miss {} (key {}, ran {} ms, {} inputs, {} outputs stored)", spec.label(),
                            key.digest().shortHex(12), tookNanos / 1_000_000, inputs, outputs);
        }
    }

    static void uncacheable(Environment env, CallSpec spec, ActionKey key, String reasonKey, String detail) {
        env.store().stats().add("misses", 1);
        env.store().stats().add("uncacheable." + reasonKey, 1);
        if (LOG.isInfoEnabled()) {
            LOG.atInfo().addKeyValue("function", spec.label()).addKeyValue("outcome", "uncacheable")
                    .addKeyValue("reason", reasonKey).addKeyValue("key", key.digest().shortHex(12))
                    .addKeyValue("mode", spec.options().mode()).addKeyValue("cache_dir", env.cacheDir())
                    .log("casher: ran {} without storing it: {}", spec.label(), detail);
        }
    }

    static void bypass(Environment env, String reasonKey) {
        env.store().stats().add("bypass." + reasonKey, 1);
        LOG.atInfo().addKeyValue("outcome", "bypass").addKeyValue("reason", reasonKey)
                .log("casher: call not cached ({})", reasonKey);
    }
}
