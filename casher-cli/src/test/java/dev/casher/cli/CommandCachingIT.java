package dev.casher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.casher.cli.CasherProcess.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the built {@code casher.jar} run as a user would, with real {@code sh}, {@code cat},
 * {@code cp}, {@code mv}, {@code tar}, {@code python3} and {@code strace}, asserting on output,
 * files, exit statuses and {@code casher stats --json} counters (like ccache's expect_stat).
 */
class CommandCachingIT {
    @TempDir
    Path tmp;
    Path work;
    CasherProcess casher;

    @BeforeEach
    void setUp() throws Exception {
        casher = CasherProcess.inTemp(tmp);
        work = casher.work();
    }

    private Result sh(String script) throws Exception {
        return casher.run("--", "sh", "-c", script);
    }

    private void write(String name, String content) throws Exception {
        Path p = work.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private String read(String name) throws Exception {
        return Files.readString(work.resolve(name));
    }

    @Test
    void hit_replaysStdoutAndStderrByteExact_andRestoresFiles() throws Exception {
        write("in.txt", "hello\n");
        String script = "cat in.txt; printf 'e1\\n' >&2; printf 'o2\\000\\377\\n'; printf 'e2\\n' >&2;"
                + " mkdir -p out; cat in.txt in.txt > out/twice.txt";
        Result miss = sh(script);
        assertThat(miss.exit()).isZero();
        assertThat(miss.casherLine()).contains("casher: miss").contains("stored");
        Files.delete(work.resolve("out/twice.txt"));

        Result hit = sh(script);
        assertThat(hit.casherLine()).startsWith("casher: hit ").contains("saved");
        assertThat(hit.out()).isEqualTo(miss.out()).endsWith(new byte[] {'o', '2', 0, (byte) 0xff, '\n'});
        assertThat(hit.commandErr()).isEqualTo(miss.commandErr()).isEqualTo("e1\ne2\n");
        assertThat(read("out/twice.txt")).isEqualTo("hello\nhello\n");
        assertThat(casher.stat("hits")).isEqualTo(1);
        assertThat(casher.stat("misses")).isEqualTo(1);
    }

    @Test
    void inputChanged_isMiss_andExplainNamesIt() throws Exception {
        write("in.txt", "one\n");
        assertThat(sh("cat in.txt").stdout()).isEqualTo("one\n");
        write("in.txt", "two\n");
        Result explain = casher.run("explain", "--", "sh", "-c", "cat in.txt");
        assertThat(explain.exit()).isEqualTo(1);
        assertThat(explain.stdout()).contains("would miss").contains("changed: " + work.toRealPath().resolve("in.txt"));
        Result r = sh("cat in.txt");
        assertThat(r.stdout()).isEqualTo("two\n");
        assertThat(r.casherLine()).contains("miss").contains("changed: ");
        assertThat(sh("cat in.txt").casherLine()).contains("hit");
        assertThat(casher.run("explain", "--", "sh", "-c", "cat in.txt").stdout()).startsWith("would hit");
    }

    @Test
    void absentFileAppearing_isMiss() throws Exception {
        String script = "if [ -f opt.conf ]; then cat opt.conf; else echo default; fi";
        assertThat(sh(script).stdout()).isEqualTo("default\n");
        assertThat(sh(script).casherLine()).contains("hit");
        write("opt.conf", "custom\n");
        Result r = sh(script);
        assertThat(r.stdout()).isEqualTo("custom\n");
        assertThat(r.casherLine()).contains("miss");
    }

    @Test
    void newFileInListedDirectory_isMiss() throws Exception {
        write("data/a.txt", "a");
        assertThat(sh("ls data").stdout()).isEqualTo("a.txt\n");
        assertThat(sh("ls data").casherLine()).contains("hit");
        write("data/b.txt", "b");
        assertThat(casher.run("explain", "--", "sh", "-c", "ls data").stdout())
                .contains("directory " + work.toRealPath().resolve("data") + ": added b.txt");
        Result r = sh("ls data");
        assertThat(r.stdout()).isEqualTo("a.txt\nb.txt\n");
        assertThat(r.casherLine()).contains("miss");
    }

    @Test
    void childProcessReads_areInputs() throws Exception {
        write("deep.txt", "v1\n");
        String script = "sh -c 'sh -c \"cat deep.txt\"' | cat";
        assertThat(sh(script).stdout()).isEqualTo("v1\n");
        assertThat(sh(script).casherLine()).contains("hit");
        write("deep.txt", "v2\n");
        assertThat(sh(script).stdout()).isEqualTo("v2\n");
    }

    @Test
    void binaryAnd50MbOutputs_areRestoredExactly() throws Exception {
        String script = "head -c 52428800 /dev/urandom > big.bin; head -c 4096 /dev/urandom > small.bin;"
                + " head -c 1000 /dev/urandom";
        Result miss = sh(script);
        assertThat(miss.casherLine()).contains("stored");
        String big = sha(work.resolve("big.bin"));
        String small = sha(work.resolve("small.bin"));
        Files.delete(work.resolve("big.bin"));
        Files.writeString(work.resolve("small.bin"), "garbage");
        Result hit = sh(script);
        assertThat(hit.casherLine()).contains("hit");
        assertThat(hit.out()).isEqualTo(miss.out()).hasSize(1000);
        assertThat(Files.size(work.resolve("big.bin"))).isEqualTo(52_428_800L);
        assertThat(sha(work.resolve("big.bin"))).isEqualTo(big);
        assertThat(sha(work.resolve("small.bin"))).isEqualTo(small);
    }

    @Test
    void renames_temporaryThenMove_replayOnlyTheFinalFile() throws Exception {
        String script = "echo built > part.tmp; mv part.tmp final.txt";
        assertThat(sh(script).casherLine()).contains("stored");
        Files.delete(work.resolve("final.txt"));
        assertThat(sh(script).casherLine()).contains("hit");
        assertThat(read("final.txt")).isEqualTo("built\n");
        assertThat(work.resolve("part.tmp")).doesNotExist();
    }

    @Test
    void copyOntoAnExistingTarget_afterAnInputChange_isStored_andHits() throws Exception {
        write("src.txt", "one\n");
        assertThat(casher.run("--", "cp", "src.txt", "dst.txt").casherLine()).contains("stored");
        // The input changes while dst.txt, the previous output, is still there: cp checks it
        // exists and overwrites it. That run depends on "a file is there", and is stored.
        write("src.txt", "two\n");
        assertThat(casher.run("--", "cp", "src.txt", "dst.txt").casherLine()).contains("miss")
                .contains("stored");
        write("dst.txt", "stale content\n");
        assertThat(casher.run("--", "cp", "src.txt", "dst.txt").casherLine()).contains("hit");
        assertThat(read("dst.txt")).isEqualTo("two\n");
    }

    @Test
    void renameOfExistingFile_isKeyedBySourceContent() throws Exception {
        write("src.txt", "payload\n");
        assertThat(casher.run("--", "mv", "src.txt", "dst.txt").casherLine()).contains("stored");
        Files.move(work.resolve("dst.txt"), work.resolve("src.txt"));
        assertThat(casher.run("--", "mv", "src.txt", "dst.txt").casherLine()).contains("hit");
        assertThat(read("dst.txt")).isEqualTo("payload\n");
        assertThat(work.resolve("src.txt")).doesNotExist();
        write("src.txt", "other\n");
        Files.delete(work.resolve("dst.txt"));
        assertThat(casher.run("--", "mv", "src.txt", "dst.txt").casherLine()).contains("miss");
        assertThat(read("dst.txt")).isEqualTo("other\n");
    }

    @Test
    void deletions_areReplayed_andNeedTheFileToExist() throws Exception {
        write("victim.txt", "x");
        Result first = casher.run("--", "rm", "victim.txt");
        assertThat(first.exit()).isZero();
        assertThat(first.casherLine()).contains("stored");
        write("victim.txt", "x");
        assertThat(casher.run("--", "rm", "victim.txt").casherLine()).contains("hit");
        assertThat(work.resolve("victim.txt")).doesNotExist();
        Result gone = casher.run("--", "rm", "victim.txt");
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.casherLine()).contains("miss");
    }

    @Test
    void temporaryFiles_leaveNoTrace() throws Exception {
        String script = "t=$(mktemp ./scratch.XXXXXX); echo hi > $t; cat $t; rm $t";
        assertThat(sh(script).stdout()).isEqualTo("hi\n");
        write("scratch.keep", "mine");
        assertThat(sh(script).casherLine()).contains("hit");
        assertThat(read("scratch.keep")).isEqualTo("mine");
    }

    @Test
    void declaredEnvChange_isMiss() throws Exception {
        String[] cmd = {"--env", "MODE", "--", "sh", "-c", "echo mode=$MODE"};
        assertThat(casher.runWith(Map.of("MODE", "a"), null, cmd).stdout()).isEqualTo("mode=a\n");
        Result b = casher.runWith(Map.of("MODE", "b"), null, cmd);
        assertThat(b.stdout()).isEqualTo("mode=b\n");
        assertThat(b.casherLine()).contains("miss");
        assertThat(casher.runWith(Map.of("MODE", "a"), null, cmd).casherLine()).contains("hit");
        Result explain = casher.runWith(Map.of("MODE", "c"), null, "explain", "--env", "MODE", "--", "sh", "-c",
                "echo mode=$MODE");
        assertThat(explain.stdout()).contains("environment variable MODE");
    }

    @Test
    void pipedStdin_isPartOfTheKey() throws Exception {
        byte[] a = "alpha\n".getBytes(StandardCharsets.UTF_8);
        assertThat(casher.runWith(Map.of(), a, "--", "cat").stdout()).isEqualTo("alpha\n");
        Result again = casher.runWith(Map.of(), a, "--", "cat");
        assertThat(again.casherLine()).contains("hit");
        assertThat(again.stdout()).isEqualTo("alpha\n");
        Result other = casher.runWith(Map.of(), "beta\n".getBytes(StandardCharsets.UTF_8), "--", "cat");
        assertThat(other.casherLine()).contains("miss");
        assertThat(other.stdout()).isEqualTo("beta\n");
    }

    @Test
    void nonZeroExit_isNotStored_unlessCacheFailures() throws Exception {
        String script = "echo partial; echo broken >&2; exit 3";
        Result r1 = sh(script);
        assertThat(r1.exit()).isEqualTo(3);
        assertThat(r1.casherLine()).contains("not stored: exit status 3");
        assertThat(sh(script).casherLine()).contains("miss");
        assertThat(casher.stat("failed")).isEqualTo(2);

        assertThat(casher.run("--cache-failures", "--", "sh", "-c", script).casherLine()).contains("stored");
        Result hit = casher.run("--cache-failures", "--", "sh", "-c", script);
        assertThat(hit.exit()).isEqualTo(3);
        assertThat(hit.casherLine()).contains("hit");
        assertThat(hit.stdout()).isEqualTo("partial\n");
        assertThat(hit.commandErr()).isEqualTo("broken\n");
    }

    @Test
    void commandNotFound_is127_andNothingIsCached() throws Exception {
        Result r = casher.run("--", "definitely-not-a-command-4711");
        assertThat(r.exit()).isEqualTo(127);
        assertThat(r.err()).contains("casher: definitely-not-a-command-4711: command not found");
        assertThat(casher.stat("misses")).isZero();
        assertThat(casher.stat("entries")).isZero();
    }

    @Test
    void parallelIdenticalInvocations_runOnce() throws Exception {
        String[] cmd = {"--ignore", "**/runs.log", "--", "sh", "-c", "echo ran >> runs.log; sleep 1; echo result"};
        List<CasherProcess.Started> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            all.add(casher.start(Map.of(), null, cmd));
        }
        int hits = 0;
        for (CasherProcess.Started s : all) {
            Result r = casher.await(s);
            assertThat(r.exit()).isZero();
            assertThat(r.stdout()).isEqualTo("result\n");
            hits += r.casherLine().contains("hit") ? 1 : 0;
        }
        assertThat(read("runs.log")).isEqualTo("ran\n");
        assertThat(hits).isEqualTo(2);
        assertThat(casher.stat("misses")).isEqualTo(1);
    }

    @Test
    void straceMissing_runsTheCommandUncached_keepingItsExitStatus() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.copy(Path.of("/bin/sh"), bin.resolve("sh"), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        Result r = casher.runWith(Map.of("PATH", bin.toString()), null, "--", "sh", "-c", "echo hi; exit 4");
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.stdout()).isEqualTo("hi\n");
        assertThat(r.err()).contains("casher: cannot trace commands: strace not found on PATH")
                .contains("runs uncached");
        assertThat(casher.stat("no-strace")).isEqualTo(1);
    }

    @Test
    void unusableCacheDir_runsTheCommandUncached() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        Result r = casher.run("--cache-dir", file.toString(), "--", "sh", "-c", "echo still; exit 5");
        assertThat(r.exit()).isEqualTo(5);
        assertThat(r.stdout()).isEqualTo("still\n");
        assertThat(r.err()).contains("casher: cache unusable");
    }

    @Test
    void copyAndTar_outputsAreRestored() throws Exception {
        assumeTrue(CasherProcess.onPath("tar"), "tar is not installed");
        write("tree/a.txt", "A");
        write("tree/sub/b.txt", "B");
        assertThat(casher.run("--", "cp", "tree/a.txt", "copy.txt").casherLine()).contains("stored");
        assertThat(casher.run("--", "tar", "cf", "tree.tar", "tree").casherLine()).contains("stored");
        Files.delete(work.resolve("copy.txt"));
        Files.delete(work.resolve("tree.tar"));
        assertThat(casher.run("--", "cp", "tree/a.txt", "copy.txt").casherLine()).contains("hit");
        assertThat(casher.run("--", "tar", "cf", "tree.tar", "tree").casherLine()).contains("hit");
        assertThat(read("copy.txt")).isEqualTo("A");
        assertThat(Files.size(work.resolve("tree.tar"))).isPositive();
        write("tree/sub/b.txt", "changed");
        assertThat(casher.run("--", "tar", "cf", "tree.tar", "tree").casherLine()).contains("miss");
    }

    @Test
    void python_readsAndWrites_areTracked() throws Exception {
        assumeTrue(CasherProcess.onPath("python3"), "python3 is not installed");
        write("train.py", "import sys\nd = open('data.csv').read()\nopen('model.bin', 'wb').write(d.encode() * 2)\n"
                + "print('trained on', len(d))\nprint('warning: tiny data', file=sys.stderr)\n");
        write("data.csv", "1,2\n");
        assertThat(casher.run("--", "python3", "train.py").stdout()).isEqualTo("trained on 4\n");
        Files.delete(work.resolve("model.bin"));
        Result hit = casher.run("--", "python3", "train.py");
        assertThat(hit.casherLine()).contains("hit");
        assertThat(hit.commandErr()).isEqualTo("warning: tiny data\n");
        assertThat(read("model.bin")).isEqualTo("1,2\n1,2\n");
        Files.writeString(work.resolve("data.csv"), "3,4\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(casher.run("--", "python3", "train.py").stdout()).isEqualTo("trained on 8\n");
    }

    @Test
    void refreshAndNoStore_controlStoring() throws Exception {
        assertThat(casher.run("--no-store", "--", "sh", "-c", "echo a").casherLine()).contains("not stored: --no-store");
        assertThat(casher.run("--", "sh", "-c", "echo a").casherLine()).contains("stored");
        assertThat(casher.run("--refresh", "--", "sh", "-c", "echo a").casherLine()).contains("refresh requested");
        assertThat(casher.run("--", "sh", "-c", "echo a").casherLine()).contains("hit");
    }

    @Test
    void subcommands_listShowVerifyGcClear() throws Exception {
        sh("echo listed");
        Result ls = casher.run("ls");
        assertThat(ls.stdout()).contains("sh -c 'echo listed'");
        String key = ls.stdout().substring(0, 12);
        assertThat(casher.run("show", key).stdout()).contains("exit status 0").contains("/usr/bin/sh");
        Result explain = casher.run("explain", "--", "sh", "-c", "echo other");
        assertThat(explain.exit()).isEqualTo(1);
        assertThat(explain.stdout()).contains("argument 2: 'echo listed' -> 'echo other'");
        assertThat(casher.run("verify").exit()).isZero();
        assertThat(casher.run("gc", "--max-size", "1").exit()).isZero();
        assertThat(casher.stat("entries")).isZero();
        sh("echo listed");
        assertThat(casher.run("clear").exit()).isZero();
        assertThat(casher.stat("entries")).isZero();
    }

    @Test
    void quiet_printsNothingOfCashers() throws Exception {
        Result r = casher.run("-q", "--", "sh", "-c", "echo out; echo err >&2");
        assertThat(r.err()).isEqualTo("err\n");
        assertThat(r.stdout()).isEqualTo("out\n");
    }

    private static String sha(Path p) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(p)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
