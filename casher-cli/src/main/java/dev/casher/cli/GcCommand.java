package dev.casher.cli;

import dev.casher.CasherConfig;
import dev.casher.internal.command.CommandCache;
import dev.casher.internal.store.CacheStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code casher gc [--max-size SIZE]}: evicts least recently used entries down to a size. */
@Command(name = "gc", description = "Evict least recently used entries until the cache fits.")
final class GcCommand implements Callable<Integer> {
    @Mixin
    CacheOption cache;
    @Option(names = "--max-size", paramLabel = "SIZE",
            description = "target size, e.g. 500M or 2G (default: the configured max-cache-bytes)")
    String maxSize;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long max;
        try {
            max = maxSize == null ? CasherConfig.fromEnvironment().maxCacheBytes()
                    : CasherConfig.builder().maxCacheBytes(maxSize).build().maxCacheBytes();
        } catch (dev.casher.CasherException e) {
            throw new UsageException("invalid --max-size '" + maxSize + "': expected a positive "
                    + "size such as 1073741824, 500M or 32G");
        }
        try (CommandCache c = cache.open()) {
            CacheStore.EvictionReport r = c.store().evict(max);
            spec.commandLine().getOut().printf("removed %d entries and %d blobs, freed %d bytes; "
                    + "%d bytes left (limit %d)%n", r.entriesRemoved(), r.blobsRemoved(),
                    r.bytesFreed(), r.sizeAfter(), max);
        }
        return ExitCodes.OK;
    }
}
