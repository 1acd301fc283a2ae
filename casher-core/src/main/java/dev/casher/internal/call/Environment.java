package dev.casher.internal.call;

import dev.casher.internal.codec.ArgumentEncoder;
import dev.casher.internal.codec.ValueCodecs;
import dev.casher.internal.lookup.FileDigester;
import dev.casher.internal.lookup.InputStates;
import dev.casher.internal.replay.Replayer;
import dev.casher.internal.store.CacheStore;
import dev.casher.internal.store.LocalStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The collaborators of the call path for one cache directory: the store, the stat fast path,
 * the replayer and the codecs. Built once per configuration; thread-safe.
 *
 * @param cacheDir the cache directory
 * @param maxCacheBytes the size limit that triggers eviction
 */
public record Environment(Path cacheDir, long maxCacheBytes, CacheStore store, InputStates states,
        Replayer replayer, ArgumentEncoder arguments, ValueCodecs values) {

    /** Opens the store in {@code cacheDir}; throws a clear {@link IOException} if it is unusable. */
    public static Environment open(Path cacheDir, long maxCacheBytes) throws IOException {
        CacheStore store = LocalStore.open(cacheDir, Clock.systemUTC());
        dev.casher.internal.record.CallContext.ignore(cacheDir);
        FileDigester digester = new FileDigester(store.statCache());
        dev.casher.internal.fingerprint.code.CodeFingerprinter.digestJarsWith(jar -> {
            dev.casher.internal.util.FileStat st = dev.casher.internal.util.FileStat.of(jar);
            if (st == null) {
                throw new java.nio.file.NoSuchFileException(jar.toString());
            }
            return digester.digest(jar, st);
        });
        return new Environment(cacheDir, maxCacheBytes, store, new InputStates(digester),
                new Replayer(store, digester), new ArgumentEncoder(digester), ValueCodecs.standard());
    }
}
