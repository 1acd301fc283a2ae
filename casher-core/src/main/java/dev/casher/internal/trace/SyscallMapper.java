package dev.casher.internal.trace;

import static dev.casher.internal.record.EventKind.CREATE;
import static dev.casher.internal.record.EventKind.OPENED_EXISTING;
import static dev.casher.internal.record.EventKind.DELETE;
import static dev.casher.internal.record.EventKind.EXEC;
import static dev.casher.internal.record.EventKind.LIST_DIR;
import static dev.casher.internal.record.EventKind.MKDIR;
import static dev.casher.internal.record.EventKind.PROBE_MISSING;
import static dev.casher.internal.record.EventKind.READ;
import static dev.casher.internal.record.EventKind.RENAME_FROM;
import static dev.casher.internal.record.EventKind.RENAME_TO;
import static dev.casher.internal.record.EventKind.STAT;
import static dev.casher.internal.record.EventKind.WRITE;

import dev.casher.internal.record.EventKind;
import java.nio.file.Path;
import java.util.Set;

/**
 * Maps one complete system call to file events: the semantic core of the strace tracer.
 *
 * <p>Rules, by family (paths resolved by {@link PathResolver}; "observe" = success ⇒ STAT,
 * ENOENT/ENOTDIR ⇒ PROBE_MISSING, other errors ⇒ STAT):
 * <ul>
 *   <li>open/openat/openat2/creat: read-only ⇒ READ (turned into STAT if the fd proves to be a
 *       directory); O_DIRECTORY or O_PATH ⇒ STAT; O_CREAT|O_EXCL ⇒ CREATE; O_TRUNC ⇒ WRITE,
 *       preceded by OPENED_EXISTING without O_CREAT (the open proves the path existed);
 *       any other write-capable open (O_RDWR, O_WRONLY without O_TRUNC, O_APPEND, O_CREAT) ⇒
 *       READ then WRITE, because the file's final content depends on its prior content.
 *       A failed open observes, except opendir of a non-directory (ENOTDIR) ⇒ STAT.
 *   <li>stat family, access family, readlink, statfs, getxattr, chdir: observe. A stat of an fd
 *       (empty name) is dropped; its {@code st_mode} only tells whether the fd is a directory.
 *   <li>getdents/getdents64 ⇒ LIST_DIR of the directory the fd was opened as.
 *   <li>execve/execveat: success ⇒ EXEC, else observe.
 *   <li>rename* ⇒ RENAME_FROM + RENAME_TO; link* ⇒ READ(old) + CREATE(new);
 *       symlink*, mknod* ⇒ CREATE; unlink*, rmdir ⇒ DELETE; mkdir* ⇒ MKDIR;
 *       truncate ⇒ WRITE (READ first unless to length 0); chmod/chown/utimes/setxattr families
 *       ⇒ READ + WRITE (metadata changed, content kept). A failed mutation observes: ENOENT ⇒
 *       PROBE_MISSING, ENOTEMPTY ⇒ LIST_DIR, else STAT.
 *   <li>chdir, fchdir, getcwd and clone/fork/vfork/clone3 maintain each task's cwd.
 *   <li>mount, chroot and other calls that change what names mean, RENAME_EXCHANGE, calls that
 *       did not complete ({@code = ?}, except {@code ERESTART*}: those are traced again), and
 *       any syscall this class does not know ⇒ an uncacheable reason.
 * </ul>
 * Not thread-safe; one instance per parse.
 */
final class SyscallMapper {

    private static final Set<String> IGNORED = Set.of("exit", "exit_group", "wait4", "waitpid",
            "waitid", "kill", "tkill", "tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo",
            "pidfd_send_signal", "pidfd_open", "restart_syscall", "inotify_add_watch",
            "fanotify_mark", "???");

    private static final Set<String> VIEW_CHANGING = Set.of("chroot", "pivot_root", "mount",
            "umount", "umount2", "swapon", "swapoff", "acct", "quotactl", "open_tree",
            "open_tree_attr", "move_mount", "fspick", "fsconfig", "fsopen", "fsmount",
            "mount_setattr", "unshare", "setns");

    private final PathResolver paths;
    private final EventLog log;

    SyscallMapper(PathResolver paths, EventLog log) {
        this.paths = paths;
        this.log = log;
    }

    void map(int pid, SyscallRecord r) {
        String name = r.name();
        if (IGNORED.contains(name) || name.startsWith("syscall_")) {
            return;
        }
        if (!r.completed()) {
            if (r.errno() != null && r.errno().startsWith("ERESTART")) {
                // interrupted by a signal before taking effect; a restart is traced again
                return;
            }
            // the task died (or another thread exec'd) inside the call: its effect is unknown
            log.reason("system call did not complete: " + StraceText.excerpt(r.body()));
            return;
        }
        switch (name) {
            case "open": open(pid, r, -1, 0, r.numArg(1, -1)); break;
            case "openat": open(pid, r, 0, 1, r.numArg(2, -1)); break;
            case "openat2": open(pid, r, 0, 1, r.structField(2, "flags=")); break;
            case "creat": open(pid, r, -1, 0, 01 | OpenFlags.O_CREAT | OpenFlags.O_TRUNC); break;
            case "stat": case "lstat": case "stat64": case "lstat64": case "oldstat":
            case "oldlstat": case "statfs": case "statfs64": case "access": case "readlink":
            case "getxattr": case "lgetxattr": case "listxattr": case "llistxattr":
                observe(r, paths.resolve(pid, r, -1, 0)); break;
            case "newfstatat": case "fstatat64": case "statx":
                statAt(pid, r); break;
            case "faccessat": case "faccessat2": case "readlinkat": case "name_to_handle_at":
            case "getxattrat": case "listxattrat": case "file_getattr":
                observe(r, paths.resolve(pid, r, 0, 1)); break;
            case "getdents": case "getdents64": getdents(pid, r); break;
            case "execve": exec(pid, r, -1, 0); break;
            case "execveat": exec(pid, r, 0, 1); break;
            case "chdir": chdir(pid, r); break;
            case "fchdir": fchdir(pid, r); break;
            case "getcwd": getcwd(pid, r); break;
            case "clone": fork(pid, r, r.structField(-1, "flags=")); break;
            case "clone3": fork(pid, r, r.structField(0, "flags=")); break;
            case "fork": case "vfork": fork(pid, r, 0); break;
            case "rename": rename(pid, r, -1, 0, -1, 1, 0); break;
            case "renameat": rename(pid, r, 0, 1, 2, 3, 0); break;
            case "renameat2": rename(pid, r, 0, 1, 2, 3, r.numArg(4, 0)); break;
            case "link": link(pid, r, -1, 0, -1, 1, 0); break;
            case "linkat": link(pid, r, 0, 1, 2, 3, r.numArg(4, 0)); break;
            case "symlink": mutate(r, CREATE, paths.resolve(pid, r, -1, 1)); break;
            case "symlinkat": mutate(r, CREATE, paths.resolve(pid, r, 1, 2)); break;
            case "mknod": mutate(r, CREATE, paths.resolve(pid, r, -1, 0)); break;
            case "mknodat": mutate(r, CREATE, paths.resolve(pid, r, 0, 1)); break;
            case "unlink": case "rmdir": mutate(r, DELETE, paths.resolve(pid, r, -1, 0)); break;
            case "unlinkat": mutate(r, DELETE, paths.resolve(pid, r, 0, 1)); break;
            case "mkdir": mutate(r, MKDIR, paths.resolve(pid, r, -1, 0)); break;
            case "mkdirat": mutate(r, MKDIR, paths.resolve(pid, r, 0, 1)); break;
            case "truncate": case "truncate64": truncate(pid, r); break;
            case "chmod": case "chown": case "lchown": case "utime": case "utimes":
            case "setxattr": case "lsetxattr": case "removexattr": case "lremovexattr":
                modify(r, paths.resolve(pid, r, -1, 0)); break;
            case "fchmodat": case "fchmodat2": case "fchownat": case "futimesat":
            case "utimensat": case "setxattrat": case "removexattrat": case "file_setattr":
                modifyAt(pid, r); break;
            case "uselib": readOrObserve(r, paths.resolve(pid, r, -1, 0)); break;
            default:
                if (VIEW_CHANGING.contains(name)) {
                    if (r.succeeded()) {
                        log.reason(name + " changes what paths mean: " + StraceText.excerpt(
                                r.body()));
                    }
                } else {
                    log.reason("unrecognised system call in trace: " + name);
                }
        }
    }

    private void open(int pid, SyscallRecord r, int dirfdIdx, int pathIdx, long flags) {
        if (flags < 0) {
            log.reason("unreadable open flags in: " + StraceText.excerpt(r.body()));
            return;
        }
        Path path = paths.resolve(pid, r, dirfdIdx, pathIdx);
        if (path == null) {
            return;
        }
        if (!r.succeeded()) {
            if ("ENOTDIR".equals(r.errno()) && (flags & OpenFlags.O_DIRECTORY) != 0) {
                // opendir() on something that exists but is not a directory
                log.add(STAT, path);
            } else {
                observe(r, path);
            }
            return;
        }
        long acc = flags & OpenFlags.O_ACCMODE;
        boolean create = (flags & OpenFlags.O_CREAT) != 0;
        boolean trunc = (flags & OpenFlags.O_TRUNC) != 0;
        String fd = r.resultAnnotation();
        if ((flags & OpenFlags.O_TMPFILE_BASE) != 0 || (flags & OpenFlags.O_PATH) != 0
                || ((flags & OpenFlags.O_DIRECTORY) != 0 && acc == OpenFlags.O_RDONLY
                && !create)) {
            // an anonymous file in a directory, a handle without content, or a directory
            log.add(STAT, path);
            log.opened(pid, r.result(), fd, path, false);
        } else if (acc == OpenFlags.O_RDONLY && !create && !trunc) {
            log.add(READ, path);
            log.opened(pid, r.result(), fd, path, true);
        } else if (create && (flags & OpenFlags.O_EXCL) != 0) {
            log.add(CREATE, path);
        } else if (trunc) {
            if (!create) {
                log.add(OPENED_EXISTING, path); // no O_CREAT and it opened: it was there
            }
            log.add(WRITE, path);
        } else {
            log.add(READ, path);
            log.add(WRITE, path);
        }
    }

    private void statAt(int pid, SyscallRecord r) {
        byte[] name = r.stringArg(1);
        if (name != null && name.length == 0) {
            // fstat on an fd (AT_EMPTY_PATH): noise, but it tells whether an open was a directory
            String fd = r.fdAnnotation(0);
            if (fd != null && r.succeeded() && r.statShowsDirectory()) {
                log.isDirectory(pid, r.numArg(0, -1), fd);
            }
            return;
        }
        observe(r, paths.resolve(pid, r, 0, 1));
    }

    private void getdents(int pid, SyscallRecord r) {
        String fd = r.fdAnnotation(0);
        if (fd == null) {
            log.reason("getdents on an fd without a path: " + StraceText.excerpt(r.body()));
            return;
        }
        if (r.succeeded()) {
            log.listed(pid, r.numArg(0, -1), fd, paths.annotationPath(fd, r));
        }
    }

    private void exec(int pid, SyscallRecord r, int dirfdIdx, int pathIdx) {
        Path path = paths.resolve(pid, r, dirfdIdx, pathIdx);
        if (path == null && dirfdIdx >= 0 && isEmpty(r, pathIdx)) {
            path = paths.fdPath(r, dirfdIdx);
        }
        if (path == null) {
            return;
        }
        if (r.succeeded()) {
            log.add(EXEC, path);
        } else {
            observe(r, path);
        }
    }

    private void chdir(int pid, SyscallRecord r) {
        Path dir = paths.resolve(pid, r, -1, 0);
        if (dir == null) {
            if (r.succeeded()) {
                paths.chdir(pid, null);
            }
            return;
        }
        observe(r, dir);
        if (r.succeeded()) {
            paths.chdir(pid, dir);
        }
    }

    private void fchdir(int pid, SyscallRecord r) {
        if (!r.succeeded()) {
            return;
        }
        String fd = r.fdAnnotation(0);
        Path dir = paths.fdPath(r, 0);
        if (fd != null) {
            log.isDirectory(pid, r.numArg(0, -1), fd);
        }
        paths.chdir(pid, dir);
    }

    private void getcwd(int pid, SyscallRecord r) {
        byte[] raw = r.stringArg(0);
        // "(unreachable)/..." names a cwd outside our root: keep what we had
        if (r.succeeded() && raw != null && raw.length > 0 && raw[0] == '/') {
            Path dir = paths.resolve(pid, r, -1, 0);
            if (dir != null) {
                paths.chdir(pid, dir);
            }
        }
    }

    private void fork(int pid, SyscallRecord r, long flags) {
        if (r.succeeded() && r.result() > 0) {
            paths.fork(pid, (int) r.result(), flags > 0 && (flags & OpenFlags.CLONE_FS) != 0);
        }
    }

    private void rename(int pid, SyscallRecord r, int oldDir, int oldIdx, int newDir, int newIdx,
            long flags) {
        Path from = paths.resolve(pid, r, oldDir, oldIdx);
        Path to = paths.resolve(pid, r, newDir, newIdx);
        if (from == null || to == null) {
            return;
        }
        if (!r.succeeded()) {
            observe(r, "EEXIST".equals(r.errno()) ? to : from);
            return;
        }
        if ((flags & (OpenFlags.RENAME_EXCHANGE | OpenFlags.RENAME_WHITEOUT)) != 0) {
            log.reason("renameat2 exchange/whiteout is not modelled: " + StraceText.excerpt(
                    r.body()));
            return;
        }
        log.add(RENAME_FROM, from);
        log.add(RENAME_TO, to);
    }

    private void link(int pid, SyscallRecord r, int oldDir, int oldIdx, int newDir, int newIdx,
            long flags) {
        Path to = paths.resolve(pid, r, newDir, newIdx);
        boolean fromFd = (flags & OpenFlags.AT_EMPTY_PATH) != 0 && isEmpty(r, oldIdx);
        Path from = fromFd ? null : paths.resolve(pid, r, oldDir, oldIdx);
        if (to == null || (from == null && !fromFd)) {
            return;
        }
        if (!r.succeeded()) {
            observe(r, "EEXIST".equals(r.errno()) || from == null ? to : from);
            return;
        }
        if (from != null) {
            // the new name shares the old file's content: the old one is an input
            log.add(READ, from);
        }
        log.add(CREATE, to);
    }

    private void truncate(int pid, SyscallRecord r) {
        Path path = paths.resolve(pid, r, -1, 0);
        if (path == null) {
            return;
        }
        if (!r.succeeded()) {
            observe(r, path);
            return;
        }
        if (r.numArg(1, -1) != 0) {
            log.add(READ, path);
        }
        log.add(WRITE, path);
    }

    private void modifyAt(int pid, SyscallRecord r) {
        Path path = paths.resolve(pid, r, 0, 1);
        if (path == null && isEmptyOrNull(r, 1)) {
            path = paths.fdPath(r, 0);
        }
        modify(r, path);
    }

    /** A metadata change: the result keeps the old content, so it is read and written. */
    private void modify(SyscallRecord r, Path path) {
        if (path == null) {
            return;
        }
        if (r.succeeded()) {
            log.add(READ, path);
            log.add(WRITE, path);
        } else {
            observe(r, path);
        }
    }

    private void mutate(SyscallRecord r, EventKind kind, Path path) {
        if (path == null) {
            return;
        }
        if (r.succeeded()) {
            log.add(kind, path);
        } else if ("ENOTEMPTY".equals(r.errno())) {
            log.add(LIST_DIR, path);
        } else {
            observe(r, path);
        }
    }

    private void readOrObserve(SyscallRecord r, Path path) {
        if (path != null) {
            if (r.succeeded()) {
                log.add(READ, path);
            } else {
                observe(r, path);
            }
        }
    }

    private void observe(SyscallRecord r, Path path) {
        if (path == null) {
            return;
        }
        String errno = r.errno();
        boolean missing = "ENOENT".equals(errno) || "ENOTDIR".equals(errno);
        log.add(missing ? PROBE_MISSING : STAT, path);
    }

    private static boolean isEmpty(SyscallRecord r, int idx) {
        byte[] b = r.stringArg(idx);
        return b != null && b.length == 0;
    }

    private static boolean isEmptyOrNull(SyscallRecord r, int idx) {
        return isEmpty(r, idx) || r.arg(idx).equals("NULL");
    }
}
