package dev.casher.cli;

import dev.casher.CasherConfig;
import dev.casher.internal.command.CommandCache;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --cache-dir} option shared by the subcommands, and opening that cache. */
final class CacheOption {
    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "the cache directory (default: $CASHER_CACHE_DIR or ~/.cache/casher)")
    Path cacheDir;

    /** The effective cache directory. */
    Path dir() {
        return cacheDir != null ? cacheDir.toAbsolutePath().normalize()
                : CasherConfig.fromEnvironment().cacheDir();
    }

    /** Opens the effective cache. */
    CommandCache open() throws IOException {
        return CommandCache.open(dir(), CasherConfig.fromEnvironment().maxCacheBytes());
    }
}
