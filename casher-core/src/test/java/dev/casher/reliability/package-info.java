/**
 * Reliability and security suites (issue 6): crash torture, concurrency under eviction,
 * corruption, disk full, bad input and hostile cache contents. Each suite is tagged
 * {@code reliability}, prints one line of figures and asserts them; {@code docs/RELIABILITY.md}
 * lists the figures and the commands that reproduce them.
 *
 * <p>Suites that need whole processes drive them through {@link dev.casher.reliability.ProcessDriver}:
 * {@link dev.casher.reliability.LibraryDriver} runs {@link dev.casher.reliability.LibraryWorker} in a
 * child JVM today; an agent ({@code @Cached}) or CLI ({@code casher -- cmd}) driver only has to
 * start a process that speaks the same line protocol ({@link dev.casher.reliability.WorkerLog}).
 * Iterations scale with {@code -Dcasher.reliability.scale=N} ({@link dev.casher.reliability.Scale}).
 */
package dev.casher.reliability;
