package dev.casher.reliability;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Starts a process that makes cached calls on a cache directory and speaks the {@link WorkerLog}
 * protocol on stdout. The library driver exists today; agent ({@code @Cached} under
 * {@code -javaagent}) and CLI ({@code casher -- cmd}) drivers plug in here so that every suite
 * that uses processes runs against them unchanged.
 */
interface ProcessDriver {
    /** A short name for reports. */
    String name();

    /** Starts a worker for {@code plan}, its stdout and stderr going to the given files. */
    Process start(Plan plan, Path stdout, Path stderr) throws IOException;

    /**
     * What a worker does.
     *
     * @param cacheDir the cache directory
     * @param maxBytes the cache size limit
     * @param workDir holds {@code in/} (inputs, written by the parent) and {@code out/} (outputs)
     * @param seed random key order; negative: keys in order
     * @param calls how many calls
     * @param keys how many distinct keys
     */
    record Plan(Path cacheDir, long maxBytes, Path workDir, long seed, int calls, int keys) {}
}
