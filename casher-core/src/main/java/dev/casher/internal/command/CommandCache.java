package dev.casher.internal.command;

import dev.casher.internal.lookup.FileDigester;
import dev.casher.internal.lookup.InputStates;
import dev.casher.internal.replay.Replayer;
import dev.casher.internal.store.LocalStore;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * An open cache directory with what the command path and the CLI's subcommands use on it: the
 * store, the stat fast path and the replayer. Thread-safe; close it once (flushes counters).
 *
 * @param dir the cache directory
 * @param maxCacheBytes the size limit that triggers eviction after a store
 */
public record CommandCache(Path dir, long maxCacheBytes, LocalStore store, InputStates states,
        Replayer replayer) implements Closeable {

    /** Opens (creating if needed) the cache in {@code dir}; a clear {@link IOException} if not. */
    public static CommandCache open(Path dir, long maxCacheBytes) throws IOException {
        LocalStore store = LocalStore.open(dir, Clock.systemUTC());
        FileDigester digester = new FileDigester(store.statCache());
        return new CommandCache(dir, maxCacheBytes, store, new InputStates(digester, InputStates.Checking.PARALLEL),
                new Replayer(store, digester));
    }

    /** Where stdin and trace files are spooled while a command runs (in the ignored cache dir). */
    public Path spoolDir() {
        return dir.resolve("spool");
    }

    @Override
    public void close() {
        store.close();
    }
}
