package dev.casher.internal.call;

import dev.casher.CallOptions;
import dev.casher.Fn0;
import dev.casher.Fn1;
import dev.casher.Fn2;
import dev.casher.Fn3;
import dev.casher.internal.fingerprint.FunctionIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/** A private engine on a temporary cache directory, for tests of the call path. */
final class Engines {
    final CallEngine engine;
    final Path cacheDir;

    Engines(Path cacheDir, Map<String, String> environ, String osName, long maxBytes) {
        this.cacheDir = cacheDir;
        this.engine = new CallEngine(osName, environ);
        engine.configure(() -> {
            try {
                return Environment.open(cacheDir, maxBytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    Engines(Path cacheDir, Map<String, String> environ) {
        this(cacheDir, environ, "Linux", 1L << 34);
    }

    Engines(Path cacheDir) {
        this(cacheDir, Map.of());
    }

    @SuppressWarnings("unchecked")
    <R> R call(Fn0<R> fn, CallOptions o) throws Throwable {
        return (R) engine.call(spec(fn, o), new Object[0], a -> fn.apply());
    }

    @SuppressWarnings("unchecked")
    <A, R> R call(Fn1<A, R> fn, CallOptions o, A a) throws Throwable {
        return (R) engine.call(spec(fn, o), new Object[] {a}, x -> fn.apply((A) x[0]));
    }

    @SuppressWarnings("unchecked")
    <A, B, R> R call(Fn2<A, B, R> fn, CallOptions o, A a, B b) throws Throwable {
        return (R) engine.call(spec(fn, o), new Object[] {a, b}, x -> fn.apply((A) x[0], (B) x[1]));
    }

    @SuppressWarnings("unchecked")
    <A, B, C, R> R call(Fn3<A, B, C, R> fn, CallOptions o, A a, B b, C c) throws Throwable {
        return (R) engine.call(spec(fn, o), new Object[] {a, b, c},
                x -> fn.apply((A) x[0], (B) x[1], (C) x[2]));
    }

    Map<String, Long> counters() {
        Environment env = engine.environment();
        env.store().stats().flush();
        return env.store().stats().snapshot();
    }

    private static CallSpec spec(java.io.Serializable fn, CallOptions o) {
        return new CallSpec(FunctionIdentity.of(fn), o, null);
    }
}
