package dev.casher;

import dev.casher.internal.call.CallEngine;
import dev.casher.internal.call.CallSpec;
import dev.casher.internal.call.Environment;
import dev.casher.internal.fingerprint.FunctionIdentity;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The entry point: wraps functions so that their results and side effects are cached, and
 * configures the cache. Thread-safe.
 *
 * <pre>{@code
 * CachedFunction3<String, String, Double, Map<String, Object>> train = Casher.wrap(Pipeline::train,
 *     CallOptions.builder().env("MY_VAR").build());
 * Map<String, Object> r = train.apply("train.csv", "model.bin", 0.01); // miss: runs, records
 * r = train.apply("train.csv", "model.bin", 0.01);                      // hit: replays
 * }</pre>
 *
 * <p>The cached function must be a lambda or a method reference (so casher can tell which code it
 * runs). Its exceptions propagate unchanged and are not cached; any failure of the cache itself
 * runs the function plainly with one warning.
 */
@SuppressWarnings("unchecked")
public final class Casher {
    private static volatile CasherConfig explicit;

    static {
        CallEngine.shared().configure(Casher::openEnvironment);
    }

    private Casher() {}

    /**
     * Sets explicit settings, which take priority over system properties and environment
     * variables. Validates the resulting configuration now (throws {@link CasherException} naming
     * an invalid setting); the cache directory is opened on the next call.
     */
    public static synchronized void configure(CasherConfig config) {
        CasherConfig.resolve(config, System.getenv(), System.getProperties());
        explicit = config;
        CallEngine.shared().configure(Casher::openEnvironment);
    }

    /**
     * Attaches the casher agent (in-process file tracking and {@code @Cached} weaving) and the
     * stdout/stderr tee now. Wrapped functions do this on their first call; an application that
     * uses only {@code @Cached} methods calls this once at start-up (or starts the JVM with
     * {@code -javaagent:casher.jar}), since nothing runs casher code before a woven method.
     * Classes loaded earlier are retransformed. Idempotent.
     *
     * @throws CasherException if in-process tracking cannot work here, saying why and what to do
     */
    public static void install() {
        String problem = CallEngine.shared().install();
        if (problem != null) {
            throw new CasherException(problem);
        }
    }

    /** The effective settings, each with where it came from. */
    public static CasherConfig config() {
        return CasherConfig.resolve(explicit, System.getenv(), System.getProperties());
    }

    /** The counters of the configured cache directory. */
    public static CasherStats stats() {
        Environment env = CallEngine.shared().environment();
        if (env == null) {
            return CasherStats.fromCounters(java.util.Map.of(), 0);
        }
        env.store().stats().flush();
        return CasherStats.fromCounters(env.store().stats().snapshot(), env.store().sizeBytes());
    }

    /** Removes every entry of the configured cache directory. */
    public static void clear() {
        Environment env = CallEngine.shared().environment();
        if (env != null) {
            try {
                env.store().clear();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot clear " + env.cacheDir(), e);
            }
            CallEngine.shared().configure(Casher::openEnvironment);
        }
    }

    /**
     * Whether calling {@code fn} (a lambda or method reference, as given to {@code wrap}) with
     * {@code options} and {@code args} would hit; if not, what differs from the nearest recorded
     * run: inputs that changed, or key parts (arguments, environment, code — naming the methods
     * whose bytecode changed). Runs nothing.
     *
     * <pre>{@code
     * CallOptions options = CallOptions.builder().env("MY_VAR").build();
     * Casher.explain(Pipeline::train, options, "train.csv", "model.bin", 0.01).forEach(System.out::println);
     * }</pre>
     *
     * <p>The typed overloads below take a method reference or lambda directly; this one takes
     * one already held as a {@code Fn}/{@code VoidFn} value.
     */
    public static List<String> explain(Serializable fn, CallOptions options, Object... args) {
        try {
            return CallEngine.shared().explain(spec(fn, options), args);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cache to explain " + fn, e);
        }
    }

    /** {@link #explain(Serializable, CallOptions, Object...) Explains} a call of {@code fn}. */
    public static <R> List<String> explain(Fn0<R> fn, CallOptions options) {
        return explain((Serializable) fn, options);
    }

    /** {@link #explain(Serializable, CallOptions, Object...) Explains} a call of {@code fn}. */
    public static <A, R> List<String> explain(Fn1<A, R> fn, CallOptions options, A a) {
        return explain((Serializable) fn, options, a);
    }

    /** {@link #explain(Serializable, CallOptions, Object...) Explains} a call of {@code fn}. */
    public static <A, B, R> List<String> explain(Fn2<A, B, R> fn, CallOptions options, A a, B b) {
        return explain((Serializable) fn, options, a, b);
    }

    /** {@link #explain(Serializable, CallOptions, Object...) Explains} a call of {@code fn}. */
    public static <A, B, C, R> List<String> explain(Fn3<A, B, C, R> fn, CallOptions options, A a, B b, C c) {
        return explain((Serializable) fn, options, a, b, c);
    }

    /** {@link #explain(Serializable, CallOptions, Object...) Explains} a call of {@code fn}. */
    public static <A, B, C, D, R> List<String> explain(Fn4<A, B, C, D, R> fn, CallOptions options, A a, B b,
            C c, D d) {
        return explain((Serializable) fn, options, a, b, c, d);
    }

    /** {@link #explain(Serializable, CallOptions, Object...) Explains} a call of {@code fn}. */
    public static <A, B, C, D, E, R> List<String> explain(Fn5<A, B, C, D, E, R> fn, CallOptions options,
            A a, B b, C c, D d, E e) {
        return explain((Serializable) fn, options, a, b, c, d, e);
    }

    /** {@link #explain(Serializable, CallOptions, Object...) Explains} a call of {@code fn}. */
    public static <A, B, C, D, E, F, R> List<String> explain(Fn6<A, B, C, D, E, F, R> fn,
            CallOptions options, A a, B b, C c, D d, E e, F f) {
        return explain((Serializable) fn, options, a, b, c, d, e, f);
    }

    /**
     * Walks the configured cache directory, checking every checksum and reference; with
     * {@link CacheCheck.Repair#REPAIR}, removes what is damaged. Safe while other processes use
     * the cache (a removed item only turns their next lookup into a miss).
     */
    public static CacheCheck verify(CacheCheck.Repair repair) {
        Environment env = CallEngine.shared().environment();
        if (env == null) {
            throw new CasherException("cannot verify: the cache directory " + config().cacheDir()
                    + " cannot be opened (see the warning above)");
        }
        try {
            dev.casher.internal.store.VerifyReport r = ((dev.casher.internal.store.LocalStore) env.store())
                    .verify(repair == CacheCheck.Repair.REPAIR ? dev.casher.internal.store.VerifyMode.REPAIR
                            : dev.casher.internal.store.VerifyMode.REPORT);
            return new CacheCheck(r.blobsChecked(), r.entriesChecked(), r.manifestsChecked(), r.problems(),
                    r.removed());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot verify " + env.cacheDir(), e);
        }
    }

    private static Environment openEnvironment() {
        CasherConfig c = config();
        try {
            return Environment.open(c.cacheDir(), c.maxCacheBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use cache directory " + c.cacheDir() + ": " + e.getMessage(), e);
        }
    }

    private static CallSpec spec(Serializable fn, CallOptions options) {
        return new CallSpec(FunctionIdentity.of(fn), options, null);
    }

    private static <R> R invoke(CallSpec spec, Object[] args, CallEngine.Body body) {
        try {
            return (R) CallEngine.shared().call(spec, args, body);
        } catch (Throwable t) {
            throw Casher.<RuntimeException>sneaky(t);
        }
    }

    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }

    /** Caches {@code fn} with default options (in-process tracking, bytecode code key). */
    public static <R> CachedFunction0<R> wrap(Fn0<R> fn) {
        return wrap(fn, CallOptions.DEFAULTS);
    }

    /** Caches {@code fn} with {@code options}. */
    public static <R> CachedFunction0<R> wrap(Fn0<R> fn, CallOptions options) {
        CallSpec spec = spec(fn, options);
        return () -> invoke(spec, new Object[0], xs -> fn.apply());
    }

    /** Caches a procedure for its side effects, with default options. */
    public static CachedFunction0<Void> wrapVoid(VoidFn0 fn) {
        return wrapVoid(fn, CallOptions.DEFAULTS);
    }

    /** Caches a procedure for its side effects, with {@code options}. */
    public static CachedFunction0<Void> wrapVoid(VoidFn0 fn,
            CallOptions options) {
        CallSpec spec = spec(fn, options);
        return () -> invoke(spec, new Object[0], xs -> {
            fn.run();
            return null;
        });
    }

    /** Caches {@code fn} with default options (in-process tracking, bytecode code key). */
    public static <A, R> CachedFunction1<A, R> wrap(Fn1<A, R> fn) {
        return wrap(fn, CallOptions.DEFAULTS);
    }

    /** Caches {@code fn} with {@code options}. */
    public static <A, R> CachedFunction1<A, R> wrap(Fn1<A, R> fn, CallOptions options) {
        CallSpec spec = spec(fn, options);
        return (a) -> invoke(spec, new Object[] {a}, xs -> fn.apply((A) xs[0]));
    }

    /** Caches a procedure for its side effects, with default options. */
    public static <A> CachedFunction1<A, Void> wrapVoid(VoidFn1<A> fn) {
        return wrapVoid(fn, CallOptions.DEFAULTS);
    }

    /** Caches a procedure for its side effects, with {@code options}. */
    public static <A> CachedFunction1<A, Void> wrapVoid(VoidFn1<A> fn,
            CallOptions options) {
        CallSpec spec = spec(fn, options);
        return (a) -> invoke(spec, new Object[] {a}, xs -> {
            fn.run((A) xs[0]);
            return null;
        });
    }

    /** Caches {@code fn} with default options (in-process tracking, bytecode code key). */
    public static <A, B, R> CachedFunction2<A, B, R> wrap(Fn2<A, B, R> fn) {
        return wrap(fn, CallOptions.DEFAULTS);
    }

    /** Caches {@code fn} with {@code options}. */
    public static <A, B, R> CachedFunction2<A, B, R> wrap(Fn2<A, B, R> fn, CallOptions options) {
        CallSpec spec = spec(fn, options);
        return (a, b) -> invoke(spec, new Object[] {a, b}, xs -> fn.apply((A) xs[0], (B) xs[1]));
    }

    /** Caches a procedure for its side effects, with default options. */
    public static <A, B> CachedFunction2<A, B, Void> wrapVoid(VoidFn2<A, B> fn) {
        return wrapVoid(fn, CallOptions.DEFAULTS);
    }

    /** Caches a procedure for its side effects, with {@code options}. */
    public static <A, B> CachedFunction2<A, B, Void> wrapVoid(VoidFn2<A, B> fn,
            CallOptions options) {
        CallSpec spec = spec(fn, options);
        return (a, b) -> invoke(spec, new Object[] {a, b}, xs -> {
            fn.run((A) xs[0], (B) xs[1]);
            return null;
        });
    }

    /** Caches {@code fn} with default options (in-process tracking, bytecode code key). */
    public static <A, B, C, R> CachedFunction3<A, B, C, R> wrap(Fn3<A, B, C, R> fn) {
        return wrap(fn, CallOptions.DEFAULTS);
    }

    /** Caches {@code fn} with {@code options}. */
    public static <A, B, C, R> CachedFunction3<A, B, C, R> wrap(Fn3<A, B, C, R> fn, CallOptions options) {
        CallSpec spec = spec(fn, options);
        return (a, b, c) -> invoke(spec, new Object[] {a, b, c}, xs -> fn.apply((A) xs[0], (B) xs[1], (C) xs[2]));
    }

    /** Caches a procedure for its side effects, with default options. */
    public static <A, B, C> CachedFunction3<A, B, C, Void> wrapVoid(VoidFn3<A, B, C> fn) {
        return wrapVoid(fn, CallOptions.DEFAULTS);
    }

    /** Caches a procedure for its side effects, with {@code options}. */
    public static <A, B, C> CachedFunction3<A, B, C, Void> wrapVoid(VoidFn3<A, B, C> fn,
            CallOptions options) {
        CallSpec spec = spec(fn, options);
        return (a, b, c) -> invoke(spec, new Object[] {a, b, c}, xs -> {
            fn.run((A) xs[0], (B) xs[1], (C) xs[2]);
            return null;
        });
    }

    /** Caches {@code fn} with default options (in-process tracking, bytecode code key). */
    public static <A, B, C, D, R> CachedFunction4<A, B, C, D, R> wrap(Fn4<A, B, C, D, R> fn) {
        return wrap(fn, CallOptions.DEFAULTS);
    }

    /** Caches {@code fn} with {@code options}. */
    public static <A, B, C, D, R> CachedFunction4<A, B, C, D, R> wrap(Fn4<A, B, C, D, R> fn, CallOptions options) {
        CallSpec spec = spec(fn, options);
        return (a, b, c, d) -> invoke(spec, new Object[] {a, b, c, d}, xs -> fn.apply((A) xs[0], (B) xs[1], (C) xs[2], (D) xs[3]));
    }

    /** Caches a procedure for its side effects, with default options. */
    public static <A, B, C, D> CachedFunction4<A, B, C, D, Void> wrapVoid(VoidFn4<A, B, C, D> fn) {
        return wrapVoid(fn, CallOptions.DEFAULTS);
    }

    /** Caches a procedure for its side effects, with {@code options}. */
    public static <A, B, C, D> CachedFunction4<A, B, C, D, Void> wrapVoid(VoidFn4<A, B, C, D> fn,
            CallOptions options) {
        CallSpec spec = spec(fn, options);
        return (a, b, c, d) -> invoke(spec, new Object[] {a, b, c, d}, xs -> {
            fn.run((A) xs[0], (B) xs[1], (C) xs[2], (D) xs[3]);
            return null;
        });
    }

    /** Caches {@code fn} with default options (in-process tracking, bytecode code key). */
    public static <A, B, C, D, E, R> CachedFunction5<A, B, C, D, E, R> wrap(Fn5<A, B, C, D, E, R> fn) {
        return wrap(fn, CallOptions.DEFAULTS);
    }

    /** Caches {@code fn} with {@code options}. */
    public static <A, B, C, D, E, R> CachedFunction5<A, B, C, D, E, R> wrap(Fn5<A, B, C, D, E, R> fn, CallOptions options) {
        CallSpec spec = spec(fn, options);
        return (a, b, c, d, e) -> invoke(spec, new Object[] {a, b, c, d, e}, xs -> fn.apply((A) xs[0], (B) xs[1], (C) xs[2], (D) xs[3], (E) xs[4]));
    }

    /** Caches a procedure for its side effects, with default options. */
    public static <A, B, C, D, E> CachedFunction5<A, B, C, D, E, Void> wrapVoid(VoidFn5<A, B, C, D, E> fn) {
        return wrapVoid(fn, CallOptions.DEFAULTS);
    }

    /** Caches a procedure for its side effects, with {@code options}. */
    public static <A, B, C, D, E> CachedFunction5<A, B, C, D, E, Void> wrapVoid(VoidFn5<A, B, C, D, E> fn,
            CallOptions options) {
        CallSpec spec = spec(fn, options);
        return (a, b, c, d, e) -> invoke(spec, new Object[] {a, b, c, d, e}, xs -> {
            fn.run((A) xs[0], (B) xs[1], (C) xs[2], (D) xs[3], (E) xs[4]);
            return null;
        });
    }

    /** Caches {@code fn} with default options (in-process tracking, bytecode code key). */
    public static <A, B, C, D, E, F, R> CachedFunction6<A, B, C, D, E, F, R> wrap(Fn6<A, B, C, D, E, F, R> fn) {
        return wrap(fn, CallOptions.DEFAULTS);
    }

    /** Caches {@code fn} with {@code options}. */
    public static <A, B, C, D, E, F, R> CachedFunction6<A, B, C, D, E, F, R> wrap(Fn6<A, B, C, D, E, F, R> fn, CallOptions options) {
        CallSpec spec = spec(fn, options);
        return (a, b, c, d, e, f) -> invoke(spec, new Object[] {a, b, c, d, e, f}, xs -> fn.apply((A) xs[0], (B) xs[1], (C) xs[2], (D) xs[3], (E) xs[4], (F) xs[5]));
    }

    /** Caches a procedure for its side effects, with default options. */
    public static <A, B, C, D, E, F> CachedFunction6<A, B, C, D, E, F, Void> wrapVoid(VoidFn6<A, B, C, D, E, F> fn) {
        return wrapVoid(fn, CallOptions.DEFAULTS);
    }

    /** Caches a procedure for its side effects, with {@code options}. */
    public static <A, B, C, D, E, F> CachedFunction6<A, B, C, D, E, F, Void> wrapVoid(VoidFn6<A, B, C, D, E, F> fn,
            CallOptions options) {
        CallSpec spec = spec(fn, options);
        return (a, b, c, d, e, f) -> invoke(spec, new Object[] {a, b, c, d, e, f}, xs -> {
            fn.run((A) xs[0], (B) xs[1], (C) xs[2], (D) xs[3], (E) xs[4], (F) xs[5]);
            return null;
        });
    }
}
