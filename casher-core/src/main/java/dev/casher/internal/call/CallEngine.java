package dev.casher.internal.call;

import dev.casher.CallOptions;
import dev.casher.Cached;
import dev.casher.CasherException;
import dev.casher.internal.fingerprint.FunctionIdentity;
import dev.casher.internal.record.CallContext;
import dev.casher.internal.record.Recording;
import dev.casher.internal.record.StreamTee;
import dev.casher.internal.store.CacheStore;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The call path of in-process cached calls, assembled in {@link #begin} and {@link #finish}:
 * fingerprint → lookup → replay (hit) | record → store (miss) | run plainly (bypass).
 * Thread-safe; one shared instance per JVM ({@link #shared()}), reconfigurable.
 *
 * <p>Failure behaviour: usage errors ({@link CasherException}) are thrown before the call runs;
 * every other failure of the cache degrades to a plain call with one warning per cause. The
 * call's own exceptions propagate unchanged and are never cached.
 */
public final class CallEngine {
    private static final CallEngine SHARED = new CallEngine(System.getProperty("os.name", ""), System.getenv());

    private final String osName;
    private final Map<String, String> environ;
    private final Warnings warnings = new Warnings();
    private final Flights flights = new Flights();
    private final LookupStep lookup = new LookupStep();
    private final Trackers trackers = new Trackers(warnings);
    private final ConcurrentHashMap<String, CallSpec> wovenSpecs = new ConcurrentHashMap<>();
    private volatile Supplier<Environment> environmentSource;
    private volatile Environment environment;

    /** A hit for a woven call: the replayed return value. */
    record HitToken(Object value) {}

    /**
     * An engine for calls on an OS named {@code osName} (non-Linux: calls pass through with one
     * warning), reading declared environment variables from {@code environ}.
     */
    public CallEngine(String osName, Map<String, String> environ) {
        this.osName = osName;
        this.environ = environ;
    }

    /** The engine of this JVM. */
    public static CallEngine shared() {
        return SHARED;
    }

    /** Sets where the engine's environment comes from; the current one is closed and dropped. */
    public synchronized void configure(Supplier<Environment> source) {
        Environment old = environment;
        environment = null;
        environmentSource = source;
        lookup.clear();
        warnings.reset();
        if (old != null) {
            closeQuietly(old);
        }
    }

    /** The open environment, opening it on first use; {@code null} (with a warning) if it cannot be opened. */
    public Environment environment() {
        Environment e = environment;
        if (e != null) {
            return e;
        }
        if (environmentSource == null && this == SHARED) {
            // A woven @Cached method can be the first casher code to run: the public facade
            // configures the shared engine from settings when it initialises.
            try {
                Class.forName("dev.casher.Casher", true, CallEngine.class.getClassLoader());
            } catch (ClassNotFoundException missing) {
                throw new AssertionError("dev.casher.Casher is part of casher-core", missing);
            }
        }
        synchronized (this) {
            if (environment == null && environmentSource != null) {
                try {
                    environment = environmentSource.get();
                } catch (CasherException ex) {
                    throw ex;
                } catch (RuntimeException ex) {
                    warnings.once("environment", "cache unavailable, calls run without caching: "
                            + ex.getMessage());
                }
            }
            return environment;
        }
    }

    /** Runs {@code spec} with {@code args} through the cache. */
    public Object call(CallSpec spec, Object[] args, Body body) throws Throwable {
        Object token = begin(spec, args);
        if (token instanceof HitToken h) {
            return h.value();
        }
        Object value;
        try {
            value = body.run(args);
        } catch (Throwable t) {
            finish(token, null, t);
            throw t;
        }
        finish(token, value, null);
        return value;
    }

    /** The body of a cached call. */
    @FunctionalInterface
    public interface Body {
        /** Runs the original function with these arguments. */
        Object run(Object[] args) throws Throwable;
    }

    /** Begins a call: a {@link HitToken}, or a token for {@link #finish}. */
    Object begin(CallSpec spec, Object[] args) {
        if (!osName.toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            warnings.once("platform", "casher supports Linux only; on " + osName
                    + " cached calls run without caching");
            return Bypass.of(null, "platform");
        }
        Environment env = environment();
        if (env == null) {
            return Bypass.of(null, "cache-unavailable");
        }
        KeyStep.Keyed keyed;
        try {
            keyed = KeyStep.key(spec, args, env, environ);
        } catch (dev.casher.internal.codec.UnreadableArgumentException e) {
            warnings.once("unreadable:" + spec.label(), spec.label() + " runs without caching: "
                    + e.getMessage());
            return Bypass.of(env, "unreadable-argument");
        } catch (CasherException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            warnings.once("fingerprint:" + spec.label(), "cannot fingerprint " + spec.label()
                    + ", it runs without caching: " + e);
            return Bypass.of(env, "fingerprint-failed");
        }
        ReentrantLock flight = flights.join(keyed.key().digest());
        if (flight.getHoldCount() > 1) {
            // The call reached itself with the same key: its own recording is still open, so there
            // is nothing to replay yet and waiting for itself would never end.
            flights.leave(keyed.key().digest(), flight);
            return Bypass.of(env, "recursive-call");
        }
        boolean handedOver = false;
        try {
            Object t = lookupOrRecord(spec, args, env, keyed, flight);
            handedOver = t instanceof MissToken;
            return t;
        } finally {
            if (!handedOver) {
                flights.leave(keyed.key().digest(), flight);
            }
        }
    }

    private Object lookupOrRecord(CallSpec spec, Object[] args, Environment env, KeyStep.Keyed keyed,
            ReentrantLock flight) {
        Object hit = tryHit(spec, env, keyed);
        if (hit != null) {
            return hit;
        }
        // Across processes: one records, the others wait for it and then replay.
        CacheStore.KeyLock lock = null;
        try {
            lock = env.store().lockKey(keyed.key().digest(), Duration.ofHours(1));
        } catch (IOException e) {
            warnings.once("lock", "cannot lock cache keys, concurrent processes may compute twice: "
                    + e.getMessage());
        }
        boolean keep = false;
        try {
            hit = tryHit(spec, env, keyed);
            if (hit != null) {
                return hit;
            }
            Object miss = RecordStep.start(spec, args, env, keyed, trackers, lock, flight);
            keep = miss instanceof MissToken;
            return miss;
        } finally {
            if (!keep && lock != null) {
                lock.close();
            }
        }
    }

    /** A hit token if a recorded run matches and replays, else {@code null}. */
    private Object tryHit(CallSpec spec, Environment env, KeyStep.Keyed keyed) {
        LookupResult r = lookup.lookup(keyed.key().digest(), env.store(), env.states(), warnings);
        if (r instanceof LookupResult.Hit h) {
            return ReplayStep.replay(spec, env, keyed, h, lookup, warnings);
        }
        if (r instanceof LookupResult.Bypass b) {
            // The manifest cannot be read (not damage: an I/O failure), so neither can a store.
            warnings.once("lookup", "cache unreadable, " + spec.label() + " runs without caching: "
                    + String.join("; ", b.reasons()));
            return Bypass.of(env, "cache-unreadable");
        }
        return null;
    }

    /**
     * Whether a call of {@code spec} with {@code args} would hit, and if not what differs from
     * the nearest recorded run; one line per finding. Runs nothing.
     */
    public List<String> explain(CallSpec spec, Object[] args) throws IOException {
        Environment env = environment();
        if (env == null) {
            return List.of("the cache directory cannot be used (see the warning above)");
        }
        return CallExplainer.explain(spec, args, env, environ);
    }

    /** Ends a non-hit call: stores a miss's result, counts a bypass. */
    void finish(Object token, Object value, Throwable thrown) {
        if (token instanceof MissToken m) {
            try {
                StoreStep.finish(m, value, thrown, lookup, warnings);
            } finally {
                m.release(flights);
            }
        } else if (token instanceof Bypass b && b.env() != null) {
            CallLog.bypass(b.env(), b.reason());
        }
    }

    Object enterWoven(Class<?> owner, String method, String descriptor, Object self, Object[] args) {
        CallSpec spec = wovenSpecs.computeIfAbsent(owner.getName() + "." + method + descriptor,
                k -> wovenSpec(owner, method, descriptor));
        if (self != null) {
            spec = spec.withReceiver(self);
        }
        return begin(spec, args);
    }

    void exitWoven(Object token, Object returned, Throwable thrown) {
        finish(token, returned, thrown);
    }

    private static CallSpec wovenSpec(Class<?> owner, String method, String descriptor) {
        for (Method m : owner.getDeclaredMethods()) {
            if (m.getName().equals(method) && FunctionIdentity.descriptorOf(m).equals(descriptor)) {
                Cached c = m.getAnnotation(Cached.class);
                CallOptions o = c == null ? CallOptions.DEFAULTS : CallOptions.of(c);
                return new CallSpec(new FunctionIdentity(owner, method, descriptor, List.of()), o, null);
            }
        }
        throw new CasherException("cannot find the @Cached method " + owner.getName() + "." + method + descriptor);
    }

    /**
     * Installs the stream tee and the in-process tracker (the casher agent) now rather than at the
     * first recorded call; returns why tracking is unavailable, or {@code null} if it works.
     */
    public String install() {
        StreamTee.install();
        return trackers.ensureInstalled() ? null : trackers.problem();
    }

    private static void closeQuietly(Environment e) {
        try {
            e.store().close();
        } catch (IOException | RuntimeException ignored) {
            // Closing only flushes counters; nothing the user owns depends on it.
        }
    }

    /** A call that runs without the cache, and why. */
    record Bypass(Environment env, String reason) {
        static Bypass of(Environment env, String reason) {
            return new Bypass(env, reason);
        }
    }

    /** A miss being recorded: everything {@link StoreStep} needs when the body returns. */
    record MissToken(CallSpec spec, Object[] args, Environment env, KeyStep.Keyed keyed,
            Recording recording, CallContext previous, long startNanos, CacheStore.KeyLock lock,
            ReentrantLock flight) {
        void release(Flights flights) {
            if (lock != null) {
                lock.close();
            }
            flights.leave(keyed.key().digest(), flight);
        }
    }

    /** Resolves a path against the working directory, normalised. */
    static Path absolute(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
