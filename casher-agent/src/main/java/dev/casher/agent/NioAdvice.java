package dev.casher.agent;

import dev.casher.agent.boot.IoHook;
import net.bytebuddy.asm.Advice;

/**
 * Advice for {@code sun.nio.fs}: the path system calls of {@code UnixNativeDispatcher}, selected
 * by descriptor so one jar fits JDK 17 and 25, and {@code UnixFileSystemProvider
 * .newDirectoryStream}. Same rules as {@link JavaIoAdvice}: JDK types only, arguments of
 * JDK-internal types as {@code Object}, every throwable suppressed.
 */
final class NioAdvice {
    private static final int O_ACCMODE = 3;
    private static final int O_TRUNC = 01000;

    private NioAdvice() {}

    /** {@code open(UnixPath, int flags, int mode)}: read, or create/write by the flags. */
    static final class Open {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static int enter(@Advice.Argument(0) Object path, @Advice.Argument(1) int flags) {
            if (!IoHook.active || (flags & O_ACCMODE) == 0) {
                return -2;
            }
            // Without O_TRUNC the old content survives: the file is an input too.
            return (flags & O_TRUNC) == 0 ? IoHook.beforeKeepingWrite(path)
                    : IoHook.beforeMutation(path);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object path, @Advice.Argument(1) int flags,
                @Advice.Enter int existed, @Advice.Thrown Throwable t) {
            if (!IoHook.active) {
                return;
            }
            if ((flags & O_ACCMODE) == 0) {
                IoHook.event(t == null ? IoHook.READ : IoHook.PROBE_MISSING, path);
            } else if (t == null) {
                IoHook.written(path, existed);
            }
        }
    }

    /** {@code stat/lstat(UnixPath, attrs)}, JDK 17 {@code access}: they throw if absent. */
    static final class StatThrows {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object path, @Advice.Thrown Throwable t) {
            if (IoHook.active) {
                IoHook.event(t == null ? IoHook.STAT : IoHook.PROBE_MISSING, path);
            }
        }
    }

    /** JDK 25 {@code stat2} and {@code access}: return an errno, 0 on success. */
    static final class StatErrno {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object path, @Advice.Return int errno) {
            if (IoHook.active) {
                IoHook.event(errno == 0 ? IoHook.STAT : IoHook.PROBE_MISSING, path);
            }
        }
    }

    /** JDK 17 {@code stat(UnixPath)}: returns st_mode, 0 on error. */
    static final class StatMode {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object path, @Advice.Return int mode) {
            if (IoHook.active) {
                IoHook.event(mode != 0 ? IoHook.STAT : IoHook.PROBE_MISSING, path);
            }
        }
    }

    /** JDK 17 {@code exists(UnixPath)}. */
    static final class Exists {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object path, @Advice.Return boolean exists) {
            if (IoHook.active) {
                IoHook.event(exists ? IoHook.STAT : IoHook.PROBE_MISSING, path);
            }
        }
    }

    /** {@code unlink(UnixPath)}, {@code rmdir(UnixPath)}. */
    static final class Delete {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Object path) {
            if (IoHook.active) {
                // A successful delete proves the file was there: its pre-call state is an input.
                IoHook.beforeKeepingWrite(path);
            }
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object path, @Advice.Thrown Throwable t) {
            if (IoHook.active && t == null) {
                IoHook.event(IoHook.DELETE, path);
            }
        }
    }

    /** {@code mkdir(UnixPath, int)}. */
    static final class Mkdir {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object path, @Advice.Thrown Throwable t) {
            if (IoHook.active && t == null) {
                IoHook.event(IoHook.MKDIR, path);
            }
        }
    }

    /** {@code rename(UnixPath, UnixPath)}. */
    static final class Rename {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Object from, @Advice.Argument(1) Object to) {
            if (IoHook.active) {
                // The source's content moves to the target: the source is an input.
                IoHook.beforeKeepingWrite(from);
                IoHook.beforeMutation(to);
            }
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object from, @Advice.Argument(1) Object to,
                @Advice.Thrown Throwable t) {
            if (IoHook.active && t == null) {
                IoHook.rename(from, to);
            }
        }
    }

    /** {@code link(existing, newLink)}: reads the existing path's identity, creates the link. */
    static final class Link {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object existing, @Advice.Argument(1) Object link,
                @Advice.Thrown Throwable t) {
            if (IoHook.active && t == null) {
                IoHook.event(IoHook.STAT, existing);
                IoHook.event(IoHook.CREATE, link);
            }
        }
    }

    /** {@code symlink(byte[] target, UnixPath link)}. */
    static final class Symlink {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(1) Object link, @Advice.Thrown Throwable t) {
            if (IoHook.active && t == null) {
                IoHook.event(IoHook.CREATE, link);
            }
        }
    }

    /** {@code opendir(UnixPath)} and {@code UnixFileSystemProvider.newDirectoryStream}. */
    static final class ListDir {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object dir, @Advice.Thrown Throwable t) {
            if (IoHook.active) {
                IoHook.event(t == null ? IoHook.LIST_DIR : IoHook.PROBE_MISSING, dir);
            }
        }
    }
}
