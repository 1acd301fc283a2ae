package dev.casher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.casher.cli.CasherProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's own outputs never invalidate it: the second run of {@code gcc -o}, {@code make}, or a
 * script writing next to itself in a directory the interpreter lists hits; and an output someone
 * else changed between runs still misses, or is restored when deleted.
 */
class OwnOutputsIT {
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

    @Test
    void probedThenCreatedOutput_hitsOnTheSecondRun_andAChangeBySomeoneElseMisses() throws Exception {
        // The command checks that the target is absent, then creates it: the absence is an input.
        String script = "test -e out.txt; cat in.txt > out.txt; echo done";
        Files.writeString(work.resolve("in.txt"), "one\n");
        assertThat(sh(script).casherLine()).contains("miss").contains("stored");
        Result second = sh(script);
        assertThat(second.casherLine()).startsWith("casher: hit");
        assertThat(second.stdout()).isEqualTo("done\n");

        Files.writeString(work.resolve("out.txt"), "edited by hand\n");
        Result edited = sh(script);
        assertThat(edited.casherLine()).contains("miss");
        assertThat(Files.readString(work.resolve("out.txt"))).isEqualTo("one\n");

        Files.delete(work.resolve("out.txt"));
        assertThat(sh(script).casherLine()).startsWith("casher: hit");
        assertThat(Files.readString(work.resolve("out.txt"))).isEqualTo("one\n");
    }

    @Test
    void contentReadBeforeRewrite_isNeverExcused() throws Exception {
        // Not idempotent: each run doubles the file, so a replay of the first run would be stale.
        Files.writeString(work.resolve("f.txt"), "a");
        String script = "v=$(cat f.txt); printf '%s%s' \"$v\" \"$v\" > f.txt";
        sh(script);
        assertThat(Files.readString(work.resolve("f.txt"))).isEqualTo("aa");
        Result second = sh(script);
        assertThat(second.casherLine()).doesNotContain("hit");
        assertThat(Files.readString(work.resolve("f.txt"))).isEqualTo("aaaa");
    }

    @Test
    void gccAndMake_hitOnTheSecondRun() throws Exception {
        assumeTrue(CasherProcess.onPath("gcc") && CasherProcess.onPath("make"), "gcc or make is not installed");
        Files.writeString(work.resolve("m.c"), "int f(void) { return 1; }\n");
        Files.writeString(work.resolve("Makefile"), "n.o: m.c\n\tgcc -c m.c -o n.o\n");
        for (String[] cmd : new String[][] {{"gcc", "-c", "m.c", "-o", "m.o"}, {"make", "-s"}}) {
            String[] args = new String[cmd.length + 1];
            args[0] = "--";
            System.arraycopy(cmd, 0, args, 1, cmd.length);
            assertThat(casher.run(args).casherLine()).contains("miss").contains("stored");
            assertThat(casher.run(args).casherLine()).startsWith("casher: hit");
        }
        byte[] object = Files.readAllBytes(work.resolve("m.o"));
        Files.write(work.resolve("m.o"), new byte[] {1, 2, 3});
        assertThat(casher.run("--", "gcc", "-c", "m.c", "-o", "m.o").casherLine()).contains("miss");
        assertThat(Files.readAllBytes(work.resolve("m.o"))).isEqualTo(object);
        assertThat(casher.stat("hits")).isEqualTo(2);
    }

    @Test
    void scriptWritingNextToItself_inAListedDirectory_hitsOnTheSecondRun() throws Exception {
        assumeTrue(CasherProcess.onPath("python3"), "python3 is not installed");
        Files.createDirectories(work.resolve("lib"));
        Files.writeString(work.resolve("lib/__init__.py"), "def scale(x):\n    return x * 2\n");
        Files.writeString(work.resolve("train.csv"), "1\n2\n3\n");
        Files.writeString(work.resolve("train.py"), String.join("\n",
                "import json, os, sys, lib",
                "rows = [float(l) for l in open(sys.argv[2])]",
                "here = os.path.dirname(os.path.abspath(__file__))",
                "json.dump({'n': len(rows), 's': lib.scale(sum(rows))}, open(os.path.join(here, 'model.json'), 'w'))",
                "print('trained')", ""));
        String[] cmd = {"--", "python3", "train.py", "--data", "train.csv"};
        assertThat(casher.run(cmd).casherLine()).contains("miss").contains("stored");
        String model = Files.readString(work.resolve("model.json"));
        Result hit = casher.run(cmd);
        assertThat(hit.casherLine()).startsWith("casher: hit");
        assertThat(hit.stdout()).isEqualTo("trained\n");

        Files.delete(work.resolve("model.json"));
        assertThat(casher.run(cmd).casherLine()).startsWith("casher: hit");
        assertThat(Files.readString(work.resolve("model.json"))).isEqualTo(model);

        // Someone else adds a module the interpreter could import: the listing changed.
        Files.writeString(work.resolve("extra.py"), "");
        assertThat(casher.run(cmd).casherLine()).contains("miss");
    }
}
