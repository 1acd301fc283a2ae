package dev.casher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.casher.cli.CasherProcess.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real tools under {@code casher --}, each in its own work and cache directory: a miss that is
 * stored, then (output deleted by the user) a hit that restores it byte-exact with the same
 * stdout, then an input change that misses, with the {@code stats} counters to match. Tools that
 * are not installed are skipped with the reason.
 */
class ToolCorpusIT {
    @TempDir
    Path tmp;

    @BeforeEach
    void setUp() {
        assumeTrue(CasherProcess.onPath("strace"), "strace is not installed");
    }

    /** One tool's scenario. */
    private final class Case {
        final Path work;
        final CasherProcess casher;
        final String[] argv;

        Case(String name, String... argv) throws IOException {
            this.work = Files.createDirectories(tmp.resolve(name).resolve("work"));
            this.casher = new CasherProcess(work, tmp.resolve(name).resolve("cache"),
                    Files.createDirectories(tmp.resolve(name).resolve("logs")));
            this.argv = new String[argv.length + 1];
            this.argv[0] = "--";
            System.arraycopy(argv, 0, this.argv, 1, argv.length);
        }

        Case file(String rel, String content) throws IOException {
            Path p = work.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
            return this;
        }

        Result run() throws Exception {
            return casher.run(argv);
        }

        /**
         * The scenario: {@code firstStored} runs until stored (1, or 2 for a read-modify-write
         * tool), then {@code output} deleted and restored by a hit, then {@code input} changed.
         */
        void check(int firstStored, String output, String input, String changed) throws Exception {
            Result miss = null;
            for (int i = 1; i <= firstStored; i++) {
                miss = run();
                assertThat(miss.exit()).as("exit status, run %d: %s", i, miss.err()).isZero();
                assertThat(miss.casherLine()).contains("miss");
            }
            assertThat(miss.casherLine()).as(miss.err()).contains("stored").doesNotContain("not stored");
            Map<String, byte[]> produced = output == null ? Map.of() : tree(work.resolve(output));
            if (output != null) {
                delete(work.resolve(output));
            }
            Result hit = run();
            assertThat(hit.casherLine()).as(hit.err()).startsWith("casher: hit");
            assertThat(hit.out()).isEqualTo(miss.out());
            assertThat(hit.commandErr()).isEqualTo(miss.commandErr());
            if (output != null) {
                Map<String, byte[]> restored = tree(work.resolve(output));
                assertThat(restored.keySet()).isEqualTo(produced.keySet());
                produced.forEach((k, v) -> assertThat(restored.get(k)).as(k).isEqualTo(v));
            }
            file(input, changed);
            Result again = run();
            assertThat(again.casherLine()).as(again.err()).contains("miss");
            assertThat(casher.stat("hits")).isEqualTo(1);
            assertThat(casher.stat("misses")).isEqualTo(firstStored + 1);
        }
    }

    private static Map<String, byte[]> tree(Path p) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        if (Files.isRegularFile(p)) {
            out.put("", Files.readAllBytes(p));
            return out;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                out.put(p.relativize(f).toString(), Files.readAllBytes(f));
            }
        }
        return out;
    }

    private static void delete(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            List<Path> all = new ArrayList<>(s.toList());
            java.util.Collections.reverse(all);
            for (Path f : all) {
                Files.delete(f);
            }
        }
    }

    private static void need(String tool) {
        assumeTrue(CasherProcess.onPath(tool), tool + " is not installed");
    }

    private static final String TRAIN = String.join("\n",
            "import json, os, sys, lib",
            "rows = [float(l) for l in open(sys.argv[2])]",
            "here = os.path.dirname(os.path.abspath(__file__))",
            "json.dump({'n': len(rows), 's': lib.scale(sum(rows))}, open(os.path.join(here, 'model.json'), 'w'))",
            "print('trained on', len(rows))", "");

    @Test
    void python_onPath_scriptImportingALocalPackage_writingNextToItself() throws Exception {
        need("python3");
        new Case("python", "python3", "train.py", "--data", "train.csv")
                .file("lib/__init__.py", "def scale(x):\n    return x * 2\n")
                .file("train.csv", "1\n2\n").file("train.py", TRAIN)
                .check(1, "model.json", "train.csv", "1\n2\n3\n");
    }

    @Test
    void python_debian() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "/usr/bin/python3 is not installed");
        new Case("python-debian", "/usr/bin/python3", "train.py", "--data", "train.csv")
                .file("lib/__init__.py", "def scale(x):\n    return x * 2\n")
                .file("train.csv", "1\n2\n").file("train.py", TRAIN)
                .check(1, "model.json", "train.csv", "5\n");
    }

    private static final String HELLO = "import java.nio.file.*;\npublic class Hello {\n"
            + "  public static void main(String[] a) throws Exception {\n"
            + "    String s = Files.readString(Path.of(\"data.txt\"));\n"
            + "    Files.writeString(Path.of(\"out.txt\"), s.toUpperCase());\n"
            + "    System.out.println(\"%s\" + s.length());\n  }\n}\n";

    @Test
    void java_runningAClassFromTheWorkingDirectory() throws Exception {
        Case c = new Case("java", CasherProcess.JAVA, "-cp", ".", "Hello").file("data.txt", "abc")
                .file("Hello.java", HELLO.formatted("length "));
        Process javac = new ProcessBuilder(javaTool("javac"), "Hello.java").directory(c.work.toFile())
                .inheritIO().start();
        assertThat(javac.waitFor()).isZero();
        c.check(1, "out.txt", "data.txt", "abcdef");
    }

    @Test
    void javac_compilingOneClass() throws Exception {
        new Case("javac", javaTool("javac"), "-d", "out", "Hello.java")
                .file("Hello.java", HELLO.formatted("length "))
                .check(1, "out", "Hello.java", HELLO.formatted("size "));
    }

    private static String javaTool(String name) {
        return Path.of(CasherProcess.JAVA).resolveSibling(name).toString();
    }

    @Test
    void gcc_compilingAnObject() throws Exception {
        need("gcc");
        new Case("gcc", "gcc", "-c", "m.c", "-o", "m.o").file("m.c", "int f(void) { return 1; }\n")
                .check(1, "m.o", "m.c", "int f(void) { return 2; }\n");
    }

    @Test
    void make_oneTarget() throws Exception {
        need("make");
        need("gcc");
        new Case("make", "make").file("m.c", "int f(void) { return 1; }\n")
                .file("Makefile", "m.o: m.c\n\tgcc -c m.c -o m.o\n")
                .check(1, "m.o", "m.c", "int f(void) { return 3; }\n");
    }

    @Test
    void node_script() throws Exception {
        need("node");
        new Case("node", "node", "gen.js").file("in.json", "{\"a\": 1}")
                .file("gen.js", "const fs = require('fs');\n"
                        + "const d = JSON.parse(fs.readFileSync('in.json', 'utf8'));\n"
                        + "fs.writeFileSync('out.txt', Object.keys(d).join(',') + '\\n');\n"
                        + "console.log('keys', Object.keys(d).length);\n")
                .check(1, "out.txt", "in.json", "{\"a\": 1, \"b\": 2}");
    }

    @Test
    void sedInPlace_isStoredFromTheSecondRun() throws Exception {
        Case c = new Case("sed", "sed", "-i", "s/a/A/", "words").file("words", "abc\nbar\n");
        Result first = c.run();
        assertThat(first.casherLine()).contains("not stored").contains("state before the call is unknown");
        Result explain = c.casher.run("explain", "--", "sed", "-i", "s/a/A/", "words");
        assertThat(explain.stdout()).contains("snapshot before the next run")
                .contains(c.work.toRealPath().resolve("words").toString());
        Result second = c.run();
        assertThat(second.casherLine()).as(second.err()).contains("stored").doesNotContain("not stored");
        assertThat(Files.readString(c.work.resolve("words"))).isEqualTo("Abc\nbAr\n");
        assertThat(c.run().casherLine()).startsWith("casher: hit");
        assertThat(Files.readString(c.work.resolve("words"))).isEqualTo("Abc\nbAr\n");
        c.file("words", "aaa\n");
        assertThat(c.run().casherLine()).contains("miss");
        assertThat(Files.readString(c.work.resolve("words"))).isEqualTo("Aaa\n");
    }

    @Test
    void sort_toAFile() throws Exception {
        // sort opens its output for writing without O_TRUNC (it truncates through the fd), so
        // the first run cannot know the output's prior content: stored by the second run, with
        // that content as an input (so a deleted output is not restored but sorted again).
        new Case("sort", "sort", "-o", "sorted.txt", "words.txt").file("words.txt", "b\na\nc\n")
                .check(2, null, "words.txt", "z\ny\n");
    }

    @Test
    void tar_createAnArchive() throws Exception {
        need("tar");
        new Case("tar", "tar", "cf", "out.tar", "src").file("src/a.txt", "a").file("src/b/c.txt", "c")
                .check(1, "out.tar", "src/a.txt", "changed");
    }

    @Test
    void cpRecursive() throws Exception {
        new Case("cp", "cp", "-r", "src", "dst").file("src/a.txt", "a").file("src/b/c.txt", "c")
                .check(1, "dst", "src/b/c.txt", "changed");
    }

    @Test
    void findExec() throws Exception {
        new Case("find", "find", "src", "-name", "*.txt", "-exec", "wc", "-c", "{}", "+")
                .file("src/a.txt", "a").file("src/b/c.txt", "cc")
                .check(1, null, "src/b/c.txt", "ccc");
    }

    @Test
    void git_logAndStatus() throws Exception {
        need("git");
        Case log = new Case("git-log", "git", "-C", "repo", "log", "--format=%s");
        Path repo = Files.createDirectories(log.work.resolve("repo"));
        git(repo, "init", "-q");
        Files.writeString(repo.resolve("a.txt"), "a\n");
        git(repo, "add", "a.txt");
        git(repo, "commit", "-qm", "first");
        Result first = log.run();
        assertThat(first.stdout()).isEqualTo("first\n");
        assertThat(first.casherLine()).contains("stored").doesNotContain("not stored");
        assertThat(log.run().casherLine()).startsWith("casher: hit");
        git(repo, "commit", "-qm", "second", "--allow-empty");
        Result second = log.run();
        assertThat(second.casherLine()).contains("miss");
        assertThat(second.stdout()).isEqualTo("second\nfirst\n");

        // git status refreshes .git/index: stored by the second run at the latest, then hits.
        String[] status = {"--", "git", "-C", "repo", "status", "--short"};
        Result s = log.casher.run(status);
        if (s.casherLine().contains("not stored")) {
            s = log.casher.run(status);
        }
        assertThat(s.casherLine()).as(s.err()).contains("stored").doesNotContain("not stored");
        assertThat(log.casher.run(status).casherLine()).startsWith("casher: hit");
        Files.writeString(repo.resolve("a.txt"), "changed\n");
        Result changed = log.casher.run(status);
        assertThat(changed.casherLine()).contains("miss");
        assertThat(changed.stdout()).isEqualTo(" M a.txt\n");
    }

    private static void git(Path repo, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@e"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(repo.toFile()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
    }
}
