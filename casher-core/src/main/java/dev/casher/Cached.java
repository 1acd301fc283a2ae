package dev.casher;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Caches a method's result and side effects: the return value, what it printed, the files it
 * wrote; keyed by its arguments (and receiver, if it is a {@link CacheKey}), the declared
 * environment variables, its code, and the files it read, discovered by the casher agent.
 *
 * <p>Woven by the casher agent, which the library attaches on first use (or give
 * {@code -javaagent:casher.jar}; on JDK 21+ that avoids the JVM's dynamic-attach warning).
 * Exceptions thrown by the method propagate unchanged and are not cached. Any failure of the
 * cache itself runs the method plainly with one warning.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Cached {
    /** Environment variables whose values are part of the key. */
    String[] env() default {};

    /** Extra input files or directories (absolute, or relative to the working directory). */
    String[] inputs() default {};

    /** Files the method writes that must be restored on a hit, beyond those tracked. */
    String[] outputs() default {};

    /** Glob patterns ({@code java.nio.file.PathMatcher} glob syntax) of paths that are neither inputs nor outputs. */
    String[] ignore() default {};

    /** How file I/O is discovered. */
    Mode mode() default Mode.IN_PROCESS;

    /** What stands for the method's code in the key. */
    CodeKey code() default CodeKey.BYTECODE;

    /** A manual code version, used with {@link CodeKey#VERSION} (and added to the key otherwise). */
    String version() default "";
}
