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
import static dev.casher.internal.trace.TraceLines.cwd;
import static dev.casher.internal.trace.TraceLines.ev;
import static dev.casher.internal.trace.TraceLines.fd;
import static dev.casher.internal.trace.TraceLines.parse;
import static dev.casher.internal.trace.TraceLines.q;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How each traced system call family maps to file events (literal strace lines). */
class StraceParserSyscallTest {

    private static final String W = "/w";
    private static final String ENOENT = " = -1 ENOENT (No such file or directory)";

    private static String openat(String path, String flags, String result) {
        return "10  openat(" + cwd(W) + ", " + q(path) + ", " + flags + ", 0666) = " + result;
    }

    private static TraceResult one(String line) {
        TraceResult r = parse(W, line);
        assertThat(r.uncacheableReasons()).isEmpty();
        return r;
    }

    @Test
    void open_readOnly_isRead() {
        assertThat(one(openat("in.txt", "0x80000", fd(3, "/w/in.txt"))).events())
                .containsExactly(ev(READ, "/w/in.txt"));
    }

    @Test
    void open_writeCreateTrunc_isWrite() {
        assertThat(one(openat("out.txt", "0x241", fd(3, "/w/out.txt"))).events())
                .containsExactly(ev(WRITE, "/w/out.txt"));
    }

    @Test
    void open_writeTruncWithoutCreate_provesTheFileExisted() {
        // O_WRONLY|O_TRUNC, as cp opens an existing target: without O_CREAT it could only open
        // something that was there
        assertThat(one(openat("dst", "0x201", fd(3, "/w/dst"))).events())
                .containsExactly(ev(OPENED_EXISTING, "/w/dst"), ev(WRITE, "/w/dst"));
    }

    @Test
    void open_createExclusive_isCreate() {
        assertThat(one(openat("new", "0xc1", fd(3, "/w/new"))).events())
                .containsExactly(ev(CREATE, "/w/new"));
    }

    @Test
    void open_readWriteWithoutTrunc_isReadThenWrite() {
        assertThat(one(openat("db", "0x2", fd(3, "/w/db"))).events())
                .containsExactly(ev(READ, "/w/db"), ev(WRITE, "/w/db"));
    }

    @Test
    void open_appendWithoutTrunc_isReadThenWrite() {
        // O_WRONLY|O_CREAT|O_APPEND: the final content still holds the old content
        assertThat(one(openat("log", "0x441", fd(3, "/w/log"))).events())
                .containsExactly(ev(READ, "/w/log"), ev(WRITE, "/w/log"));
    }

    @Test
    void open_missing_isProbeMissing_andOtherErrorsAreStat() {
        assertThat(one(openat("gone", "0", "-1 ENOENT (No such file or directory)")).events())
                .containsExactly(ev(PROBE_MISSING, "/w/gone"));
        assertThat(one(openat("a/b", "0", "-1 ENOTDIR (Not a directory)")).events())
                .containsExactly(ev(PROBE_MISSING, "/w/a/b"));
        assertThat(one(openat("secret", "0", "-1 EACCES (Permission denied)")).events())
                .containsExactly(ev(STAT, "/w/secret"));
    }

    @Test
    void openDirectory_onAFile_isStatNotProbeMissing() {
        assertThat(one(openat("file", "0x10000", "-1 ENOTDIR (Not a directory)")).events())
                .containsExactly(ev(STAT, "/w/file"));
    }

    @Test
    void open_legacyOpenAndCreat_resolveAgainstCwd() {
        TraceResult r = parse(W, "10  open(" + q("a") + ", 0) = " + fd(3, "/w/a"),
                "10  creat(" + q("b") + ", 0644) = " + fd(4, "/w/b"));
        assertThat(r.events()).containsExactly(ev(READ, "/w/a"), ev(WRITE, "/w/b"));
    }

    @Test
    void openat2_readsFlagsFromStruct() {
        assertThat(one("10  openat2(" + cwd(W) + ", " + q("x") + ", {flags=0x241, mode=0644, "
                + "resolve=0}, 24) = " + fd(3, "/w/x")).events())
                .containsExactly(ev(WRITE, "/w/x"));
    }

    @Test
    void openDirectory_thenGetdents_isStatThenListDirOnce() {
        TraceResult r = parse(W, openat("dir", "0x90800", fd(3, "/w/dir")),
                "10  getdents64(" + fd(3, "/w/dir") + ", 0x55 /* 2 entries */, 32768) = 48",
                "10  getdents64(" + fd(3, "/w/dir") + ", 0x55 /* 0 entries */, 32768) = 0");
        assertThat(r.events()).containsExactly(ev(STAT, "/w/dir"), ev(LIST_DIR, "/w/dir"));
    }

    @Test
    void openReadOnly_thenGetdents_turnsReadIntoStat() {
        TraceResult r = parse(W, openat("dir", "0", fd(3, "/w/dir")),
                "10  getdents(" + fd(3, "/w/dir") + ", 0x55 /* 3 entries */, 32768) = 72");
        assertThat(r.events()).containsExactly(ev(STAT, "/w/dir"), ev(LIST_DIR, "/w/dir"));
    }

    @Test
    void getdentsOnAnFdThisTaskDidNotOpen_keepsOtherReads_andListsTheResolvedPath() {
        TraceResult r = parse(W, openat("x", "0", fd(3, "/w/x")),
                "10  fork() = 11",
                "11  getdents64(" + fd(3, "/w/x") + ", 0x55 /* 2 entries */, 32768) = 48",
                "10  getdents64(" + fd(4, "/w/x") + ", 0x55 /* 2 entries */, 32768) = 48");
        assertThat(r.events()).containsExactly(ev(READ, "/w/x"), ev(LIST_DIR, "/w/x"),
                ev(LIST_DIR, "/w/x"));
    }

    @Test
    void openReadOnly_fstatShowsDirectory_isStat_andFstatItselfIsIgnored() {
        TraceResult r = parse(W, openat("d", "0", fd(3, "/w/d")),
                "10  newfstatat(" + fd(3, "/w/d") + ", \"\", {st_mode=040755, st_size=4096, ...}, "
                + "0x1000) = 0",
                openat("f", "0", fd(4, "/w/f")),
                "10  newfstatat(" + fd(4, "/w/f") + ", \"\", {st_mode=0100644, st_size=1, ...}, "
                + "0x1000) = 0");
        assertThat(r.events()).containsExactly(ev(STAT, "/w/d"), ev(READ, "/w/f"));
    }

    @Test
    void statFamily_successIsStat_missingIsProbeMissing() {
        TraceResult r = parse(W,
                "10  newfstatat(" + cwd(W) + ", " + q("a") + ", {st_mode=0100644, ...}, 0) = 0",
                "10  newfstatat(" + cwd(W) + ", " + q("b") + ", 0x7ff, 0x100)" + ENOENT,
                "10  statx(" + cwd(W) + ", " + q("c") + ", |0x800, 0x2, {stx_mask=0x1}) = 0",
                "10  stat(" + q("/etc/d") + ", 0x7ff)" + ENOENT,
                "10  lstat(" + q("e") + ", {st_mode=0120777, ...}) = 0",
                "10  access(" + q("/etc/ld.so.preload") + ", 0x4)" + ENOENT,
                "10  faccessat2(" + cwd(W) + ", " + q("f") + ", 0x1, 0x200) = 0",
                "10  readlink(" + q("/w/g") + ", " + q("target") + ", 4096) = 6",
                "10  readlinkat(" + cwd(W) + ", " + q("h") + ", 0x7ff, 4096) = -1 EINVAL "
                + "(Invalid argument)",
                "10  statfs(" + q("/selinux") + ", 0x7ff)" + ENOENT);
        assertThat(r.uncacheableReasons()).isEmpty();
        assertThat(r.events()).containsExactly(ev(STAT, "/w/a"), ev(PROBE_MISSING, "/w/b"),
                ev(STAT, "/w/c"), ev(PROBE_MISSING, "/etc/d"), ev(STAT, "/w/e"),
                ev(PROBE_MISSING, "/etc/ld.so.preload"), ev(STAT, "/w/f"), ev(STAT, "/w/g"),
                ev(STAT, "/w/h"), ev(PROBE_MISSING, "/selinux"));
    }

    @Test
    void execve_successIsExec_missingIsProbeMissing() {
        TraceResult r = parse(W,
                "10  execve(" + q("/usr/local/bin/cc") + ", [" + q("cc") + "], 0x7ff /* 3 vars */)"
                + ENOENT,
                "10  execve(" + q("/usr/bin/cc") + ", [" + q("cc") + ", " + q("a,b)") + "], "
                + "0x7ff /* 3 vars */) = 0",
                "10  execve(" + q("./run.sh") + ", [" + q("x") + "], 0x7ff) = -1 EACCES (Perm)");
        assertThat(r.events()).containsExactly(ev(PROBE_MISSING, "/usr/local/bin/cc"),
                ev(EXEC, "/usr/bin/cc"), ev(STAT, "/w/run.sh"));
    }

    @Test
    void renameLinkSymlink_mapToTheirKinds() {
        TraceResult r = parse(W,
                "10  rename(" + q("a") + ", " + q("b") + ") = 0",
                "10  renameat2(" + cwd(W) + ", " + q("c") + ", " + fd(5, "/o") + ", " + q("d")
                + ", 0x1) = 0",
                "10  link(" + q("e") + ", " + q("f") + ") = 0",
                "10  linkat(" + fd(4, "/t") + ", \"\", " + cwd(W) + ", " + q("g") + ", 0x1000) = 0",
                "10  symlink(" + q("/anywhere") + ", " + q("h") + ") = 0",
                "10  symlinkat(" + q("x") + ", " + cwd(W) + ", " + q("i") + ") = 0");
        assertThat(r.uncacheableReasons()).isEmpty();
        assertThat(r.events()).containsExactly(ev(RENAME_FROM, "/w/a"), ev(RENAME_TO, "/w/b"),
                ev(RENAME_FROM, "/w/c"), ev(RENAME_TO, "/o/d"), ev(READ, "/w/e"),
                ev(CREATE, "/w/f"), ev(CREATE, "/w/g"), ev(CREATE, "/w/h"), ev(CREATE, "/w/i"));
    }

    @Test
    void deleteMkdirTruncate_mapToTheirKinds() {
        TraceResult r = parse(W,
                "10  unlink(" + q("a") + ") = 0",
                "10  unlinkat(" + cwd(W) + ", " + q("b") + ", 0) = 0",
                "10  unlinkat(" + cwd(W) + ", " + q("dir") + ", 0x200) = 0",
                "10  rmdir(" + q("e") + ") = 0",
                "10  mkdir(" + q("d") + ", 0777) = 0",
                "10  mkdirat(" + fd(3, "/w/d") + ", " + q("sub") + ", 0777) = 0",
                "10  mkdir(" + q("d") + ", 0777) = -1 EEXIST (File exists)",
                "10  rmdir(" + q("full") + ") = -1 ENOTEMPTY (Directory not empty)",
                "10  truncate(" + q("t0") + ", 0) = 0",
                "10  truncate(" + q("t5") + ", 5) = 0");
        assertThat(r.events()).containsExactly(ev(DELETE, "/w/a"), ev(DELETE, "/w/b"),
                ev(DELETE, "/w/dir"), ev(DELETE, "/w/e"), ev(MKDIR, "/w/d"),
                ev(MKDIR, "/w/d/sub"), ev(STAT, "/w/d"), ev(LIST_DIR, "/w/full"),
                ev(WRITE, "/w/t0"), ev(READ, "/w/t5"), ev(WRITE, "/w/t5"));
    }

    @Test
    void metadataChange_isReadThenWrite_evenThroughAnFd() {
        TraceResult r = parse(W,
                "10  chmod(" + q("s.sh") + ", 0755) = 0",
                "10  utimensat(" + fd(3, "/w/t") + ", NULL, NULL, 0) = 0");
        assertThat(r.events()).containsExactly(ev(READ, "/w/s.sh"), ev(WRITE, "/w/s.sh"),
                ev(READ, "/w/t"), ev(WRITE, "/w/t"));
    }

    @Test
    void relativePaths_resolveAgainstDirfdAnnotation_andNormaliseLexically() {
        TraceResult r = parse(W,
                "10  openat(" + fd(7, "/srv/data") + ", " + q("../conf/./a.txt") + ", 0) = "
                + fd(3, "/srv/conf/a.txt"),
                "10  openat(" + cwd("/elsewhere") + ", " + q("b//c/") + ", 0) = " + fd(3, "/x"),
                "10  openat(" + cwd(W) + ", " + q("/abs/../p") + ", 0) = " + fd(3, "/p"));
        assertThat(r.events()).containsExactly(ev(READ, "/srv/conf/a.txt"),
                ev(READ, "/elsewhere/b/c"), ev(READ, "/p"));
    }

    @Test
    void failedRename_observesTheSource_orTheTargetOnEexist() {
        TraceResult r = parse(W,
                "10  renameat2(" + cwd(W) + ", " + q("a") + ", " + cwd(W) + ", " + q("b")
                + ", 0x1) = -1 EEXIST (File exists)",
                "10  rename(" + q("gone") + ", " + q("b") + ")" + ENOENT);
        assertThat(r.events()).containsExactly(ev(STAT, "/w/b"), ev(PROBE_MISSING, "/w/gone"));
    }

    @Test
    void renameExchange_andMount_areUncacheable() {
        TraceResult r = parse(W,
                "10  renameat2(" + cwd(W) + ", " + q("a") + ", " + cwd(W) + ", " + q("b")
                + ", 0x2) = 0",
                "10  chroot(" + q("/jail") + ") = 0");
        assertThat(r.uncacheableReasons()).hasSize(2);
        assertThat(r.uncacheableReasons().get(1)).startsWith("chroot changes what paths mean");
    }
}
