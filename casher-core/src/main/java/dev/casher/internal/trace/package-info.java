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
 *
 * <p>What callers must know:
 * <ul>
 *   <li>Pass the command's working directory as a real path ({@code toRealPath()}) and key runs
 *       by that real path: strace's {@code <path>} annotations are resolved paths.
 *   <li>strace searches {@code PATH} for the command itself, untraced; resolve the command (and
 *       record the misses) before wrapping, or key on the resolved program.
 *   <li>Programs the kernel opens (a script's {@code #!} interpreter, an ELF's dynamic loader)
 *       make no traced system call; only the executed file itself is an {@code EXEC} event.
 *   <li>A {@code READ} can name a directory (opened read-only and only used as a dirfd); treat
 *       it like {@code STAT}.
 *   <li>A non-empty {@link dev.casher.internal.trace.TraceResult#uncacheableReasons()} means the
 *       run must not be stored.
 * </ul>
 */
package dev.casher.internal.trace;
