package dev.casher.agent;

import dev.casher.agent.boot.IoHook;
import net.bytebuddy.asm.Advice;

/**
 * Advice for the {@code java.io} choke points (note table rows 1-5'): the three stream
 * {@code open} methods, {@code java.io.UnixFileSystem}, and on JDK 17 the {@code java.io.File}
 * methods whose file-system counterparts are native. Inlined into {@code java.base}: refers only
 * to {@link IoHook} and JDK types, takes JDK-internal types as {@code Object}, and suppresses
 * every throwable so a hook can never break I/O.
 */
final class JavaIoAdvice {
    private JavaIoAdvice() {}

    /** {@code FileInputStream.open(String)}: read, or probe-missing when it throws. */
    static final class ReadOpen {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object name, @Advice.Thrown Throwable t) {
            if (IoHook.active) {
                IoHook.event(t == null ? IoHook.READ : IoHook.PROBE_MISSING, name);
            }
        }
    }

    /** {@code FileOutputStream.open(String, boolean append)}: create or write (+read if append). */
    static final class WriteOpen {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static int enter(@Advice.Argument(0) Object name, @Advice.Argument(1) boolean append) {
            if (!IoHook.active) {
                return -1;
            }
            return append ? IoHook.beforeKeepingWrite(name) : IoHook.beforeMutation(name);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object name, @Advice.Enter int existed,
                @Advice.Thrown Throwable t) {
            if (IoHook.active && t == null) {
                IoHook.written(name, existed);
            }
        }
    }

    /** {@code RandomAccessFile.open(String, int mode)}; mode bit 1 means read-only. */
    static final class RandomAccessOpen {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static int enter(@Advice.Argument(0) Object name, @Advice.Argument(1) int mode) {
            return IoHook.active && (mode & 1) == 0 ? IoHook.beforeKeepingWrite(name) : -2;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object name, @Advice.Argument(1) int mode,
                @Advice.Enter int existed, @Advice.Thrown Throwable t) {
            if (!IoHook.active) {
                return;
            }
            if ((mode & 1) != 0) {
                IoHook.event(t == null ? IoHook.READ : IoHook.PROBE_MISSING, name);
            } else if (t == null) {
                IoHook.written(name, existed);
            }
        }
    }

    /** {@code UnixFileSystem.hasBooleanAttributes(File, int mask)}: exists/isFile/isDirectory. */
    static final class HasAttributes {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object file, @Advice.Argument(1) int mask,
                @Advice.Return boolean result) {
            if (IoHook.active) {
                // Only "exists?" answered false proves absence (isDirectory is false for files).
                IoHook.event(!result && mask == 1 ? IoHook.PROBE_MISSING : IoHook.STAT, file);
            }
        }
    }

    /** {@code UnixFileSystem.getBooleanAttributes(File)}: bit 1 is "exists". */
    static final class GetAttributes {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object file, @Advice.Return int result) {
            if (IoHook.active) {
                IoHook.event((result & 1) != 0 ? IoHook.STAT : IoHook.PROBE_MISSING, file);
            }
        }
    }

    /** Metadata reads of argument 0: checkAccess, getLength, getLastModifiedTime. */
    static final class StatArg {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object file) {
            if (IoHook.active) {
                IoHook.event(IoHook.STAT, file);
            }
        }
    }

    /** {@code UnixFileSystem.delete(File)}. */
    static final class Delete {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Object file) {
            if (IoHook.active) {
                // A successful delete proves the file was there: its pre-call state is an input.
                IoHook.beforeKeepingWrite(file);
            }
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object file, @Advice.Return boolean deleted) {
            if (IoHook.active && deleted) {
                IoHook.event(IoHook.DELETE, file);
            }
        }
    }

    /** {@code UnixFileSystem.rename(File, File)}. */
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
                @Advice.Return boolean renamed) {
            if (IoHook.active && renamed) {
                IoHook.rename(from, to);
            }
        }
    }

    /** {@code UnixFileSystem.list(File)} (JDK 21+ Java wrapper): null means absent. */
    static final class ListNames {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object dir, @Advice.Return Object names) {
            if (IoHook.active) {
                IoHook.event(names != null ? IoHook.LIST_DIR : IoHook.PROBE_MISSING, dir);
            }
        }
    }

    /** {@code UnixFileSystem.createDirectory(File)}: false means it already existed (or failed). */
    static final class CreateDirectory {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object dir, @Advice.Return boolean created) {
            if (IoHook.active) {
                IoHook.event(created ? IoHook.MKDIR : IoHook.STAT, dir);
            }
        }
    }

    /** {@code UnixFileSystem.createFileExclusively(String)}: false means it existed. */
    static final class CreateExclusive {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object path, @Advice.Return boolean created,
                @Advice.Thrown Throwable t) {
            if (IoHook.active && t == null) {
                IoHook.event(created ? IoHook.CREATE : IoHook.STAT, path);
            }
        }
    }

    /** JDK 17: {@code File.normalizedList()} (list, listFiles); null means absent. */
    static final class FileList {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object file, @Advice.Return Object names) {
            if (IoHook.active) {
                IoHook.event(names != null ? IoHook.LIST_DIR : IoHook.PROBE_MISSING, file);
            }
        }
    }

    /** JDK 17: {@code File.mkdir()}. */
    static final class FileMkdir {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object file, @Advice.Return boolean created) {
            if (IoHook.active) {
                IoHook.event(created ? IoHook.MKDIR : IoHook.STAT, file);
            }
        }
    }

    /** JDK 17: {@code File.createNewFile()}. */
    static final class FileCreate {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object file, @Advice.Return boolean created,
                @Advice.Thrown Throwable t) {
            if (IoHook.active && t == null) {
                IoHook.event(created ? IoHook.CREATE : IoHook.STAT, file);
            }
        }
    }

    /** JDK 17: canRead/canWrite/canExecute/length/lastModified of {@code this}. */
    static final class FileMetadata {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object file) {
            if (IoHook.active) {
                IoHook.event(IoHook.STAT, file);
            }
        }
    }

    /** JDK 17: static {@code File.createTempFile(String, String, File)} creates its result. */
    static final class FileTemp {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Return Object created) {
            if (IoHook.active && created != null) {
                IoHook.event(IoHook.CREATE, created);
            }
        }
    }

    /** {@code ZipFile(File, int, Charset)}: every ZipFile/JarFile constructor ends here. */
    static final class ZipOpen {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object file) {
            if (IoHook.active) {
                IoHook.event(IoHook.READ, file);
            }
        }
    }

    /**
     * {@code ZipFile.getInputStream}: reading an entry of a jar that is already open (a resource
     * of a class-path jar, read with {@code getResourceAsStream}) reads the jar.
     */
    static final class ZipEntryRead {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object zip) {
            if (IoHook.active) {
                IoHook.event(IoHook.READ, ((java.util.zip.ZipFile) zip).getName());
            }
        }
    }
}
