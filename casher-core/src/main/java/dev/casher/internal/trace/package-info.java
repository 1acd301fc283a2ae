/**
 * The strace tracer: discovers what files a command (and every process it starts) read, probed,
 * listed, executed and changed, for the CLI and the subprocess mode.
 *
 * <p>Flow: {@link dev.casher.internal.trace.StraceSupport#detect()} says whether tracing works
 * here; {@link dev.casher.internal.trace.StraceCommand#wrap} builds the argv; the caller runs it;
 * {@link dev.casher.internal.trace.StraceParser#parse} turns the trace file into a
 * {@link dev.casher.internal.trace.TraceResult} of {@link dev.casher.internal.record.FileEvent}s
 * plus uncacheable reasons. The parser is pure: filtering {@code /proc}, {@code /dev}, the cache
 * directory and similar is the classifier's job.
 */
package dev.casher.internal.trace;
