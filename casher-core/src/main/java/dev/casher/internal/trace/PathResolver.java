package dev.casher.internal.trace;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns the path arguments of a traced system call into absolute, lexically normalised paths,
 * and keeps each task's working directory.
 *
 * <p>A relative name is resolved against its dirfd's {@code <path>} annotation when strace printed
 * one (strace 6 annotates {@code AT_FDCWD} with the working directory too), else against the
 * task's tracked working directory. Symlinks are never resolved: the name the program used is
 * what it depends on. Working directories are shared between tasks created with
 * {@code CLONE_FS} (threads) and copied otherwise (fork, vfork, plain clone).
 *
 * <p>Anything that cannot be turned into an exact {@link Path} (bytes that are not UTF-8, an
 * unknown base directory, a truncated string) is reported to the reason sink and yields
 * {@code null}, never a guessed path. Not thread-safe.
 */
final class PathResolver {

    /** A working directory; shared by reference between tasks that share their fs struct. */
    static final class Cwd {
        String path;

        Cwd(String path) {
            this.path = path;
        }
    }

    private static final int AT_FDCWD = -100;

    private final StraceText text = new StraceText();
    private final Map<Integer, Cwd> cwds = new HashMap<>();
    private final Map<String, String> annotationCache = new HashMap<>();
    private final Consumer<String> reasons;

    PathResolver(Consumer<String> reasons) {
        this.reasons = reasons;
    }

    boolean knows(int pid) {
        return cwds.containsKey(pid);
    }

    void start(int pid, String cwd) {
        cwds.put(pid, new Cwd(cwd));
    }

    /** Records that {@code parent} created {@code child}, sharing or copying its cwd. */
    void fork(int parent, int child, boolean shareFs) {
        Cwd p = cwds.computeIfAbsent(parent, k -> new Cwd(null));
        cwds.put(child, shareFs ? p : new Cwd(p.path));
    }

    Cwd cwd(int pid) {
        return cwds.computeIfAbsent(pid, k -> new Cwd(null));
    }

    int taskCount() {
        return cwds.size();
    }

    /**
     * Resolves argument {@code pathIdx} of {@code r}, relative to the dirfd in argument
     * {@code dirfdIdx} ({@code -1}: the task's cwd). Returns {@code null} for a {@code NULL} or
     * empty name (the caller decides what an fd-only call means) and after reporting a reason.
     */
    Path resolve(int pid, SyscallRecord r, int dirfdIdx, int pathIdx) {
        byte[] name = r.stringArg(pathIdx);
        if (name == null) {
            if (r.truncatedStringArg(pathIdx)) {
                reasons.accept("strace truncated a path in: " + StraceText.excerpt(r.body()));
            } else if (!r.arg(pathIdx).equals("NULL")) {
                reasons.accept("unreadable path argument in: " + StraceText.excerpt(r.body()));
            }
            return null;
        }
        if (name.length == 0) {
            return null;
        }
        String s = text.utf8(name);
        if (s == null) {
            reasons.accept("path is not valid UTF-8: " + StraceText.escape(name));
            return null;
        }
        if (s.charAt(0) == '/') {
            return toPath(s, name);
        }
        String base = base(pid, r, dirfdIdx);
        if (base == null) {
            reasons.accept("cannot resolve relative path " + StraceText.escape(name)
                    + ": unknown or undecodable directory in " + StraceText.excerpt(r.body()));
            return null;
        }
        return toPath(base + "/" + s, name);
    }

    /** The path an fd argument {@code fd<path>} refers to, or {@code null} (reason reported). */
    Path fdPath(SyscallRecord r, int fdIdx) {
        String arg = r.arg(fdIdx);
        int lt = arg.indexOf('<');
        if (lt < 0 || !arg.endsWith(">")) {
            reasons.accept("fd without a path annotation in: " + StraceText.excerpt(r.body()));
            return null;
        }
        return annotationPath(arg.substring(lt + 1, arg.length() - 1), r);
    }

    /** The path of a raw annotation text, or {@code null} (reason reported). */
    Path annotationPath(String annotation, SyscallRecord r) {
        String s = decodeAnnotation(annotation);
        if (s == null || s.isEmpty() || s.charAt(0) != '/') {
            reasons.accept("fd path is not a UTF-8 absolute path (" + StraceText.excerpt(annotation) + ") in: "
                    + StraceText.excerpt(r.body()));
            return null;
        }
        return toPath(s, null);
    }

    /** Sets the task's cwd after a successful chdir/fchdir/getcwd. */
    void chdir(int pid, Path dir) {
        cwd(pid).path = dir == null ? null : dir.toString();
    }

    private String base(int pid, SyscallRecord r, int dirfdIdx) {
        Cwd cwd = cwd(pid);
        if (dirfdIdx < 0) {
            return cwd.path;
        }
        String arg = r.arg(dirfdIdx);
        int lt = arg.indexOf('<');
        String num = lt >= 0 ? arg.substring(0, lt) : arg;
        boolean atCwd = num.equals("AT_FDCWD") || SyscallRecord.parseNumber(num, 0) == AT_FDCWD;
        if (lt >= 0 && arg.endsWith(">")) {
            String dir = decodeAnnotation(arg.substring(lt + 1, arg.length() - 1));
            if (dir == null || dir.isEmpty() || dir.charAt(0) != '/') {
                return null;
            }
            if (atCwd) {
                // strace read the cwd at syscall entry; it is more current than our tracking
                cwd.path = dir;
            }
            return dir;
        }
        return atCwd ? cwd.path : null;
    }

    private String decodeAnnotation(String annotation) {
        String hit = annotationCache.get(annotation);
        if (hit != null) {
            return hit;
        }
        byte[] bytes = StraceText.unescape(annotation, 0, annotation.length());
        String s = bytes == null ? null : text.utf8(bytes);
        if (s == null) {
            return null;
        }
        if (annotationCache.size() > 4096) {
            annotationCache.clear();
        }
        annotationCache.put(annotation, s);
        return s;
    }

    private Path toPath(String s, byte[] original) {
        try {
            return Path.of(s).normalize();
        } catch (InvalidPathException e) {
            reasons.accept("path not representable in Java: "
                    + (original == null ? StraceText.excerpt(s) : StraceText.escape(original)));
            return null;
        }
    }
}
