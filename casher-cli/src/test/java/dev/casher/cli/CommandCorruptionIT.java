package dev.casher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability suite 3 for the command-line tool: every blob, entry or manifest of a populated
 * cache gets a flipped byte or is cut in half; every command must then either replay exactly
 * what it produced or run again, never replay damage, and the damage is reported by
 * {@code casher verify} and gone after {@code verify --repair}.
 */
@Tag("reliability")
class CommandCorruptionIT {
    private static final int KEYS = 4;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"cas:flip", "cas:truncate", ".e:flip", ".e:truncate", ".m:flip", ".m:truncate"})
    void damagedCacheFiles_areNeverReplayed(String scenario) throws Exception {
        Assumptions.assumeTrue(CasherProcess.onPath("strace"), "strace is not installed");
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path cache = tmp.resolve("cache");
        CasherProcess casher = new CasherProcess(work, cache, Files.createDirectories(tmp.resolve("logs")));
        for (int k = 0; k < KEYS; k++) {
            Files.writeString(work.resolve("in" + k + ".txt"), "payload " + k + " ".repeat(k * 100));
            assertThat(casher.run(command(k)).exit()).isZero();
        }
        String kind = scenario.substring(0, scenario.indexOf(':'));
        boolean flip = scenario.endsWith("flip");
        int damaged = 0;
        for (Path f : files(cache, kind)) {
            damage(f, flip);
            damaged++;
        }
        assertThat(damaged).as("files of kind " + kind).isPositive();
        boolean reported = casher.run("verify").exit() != 0;
        List<String> wrong = new ArrayList<>();
        int reruns = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int k = 0; k < KEYS; k++) {
                Files.deleteIfExists(work.resolve("out" + k + ".txt"));
                CasherProcess.Result r = casher.run(command(k));
                reruns += r.casherLine().contains("casher: miss") ? 1 : 0;
                String expected = Files.readString(work.resolve("in" + k + ".txt"));
                String out = Files.exists(work.resolve("out" + k + ".txt"))
                        ? Files.readString(work.resolve("out" + k + ".txt")) : "<missing>";
                if (r.exit() != 0 || !r.stdout().equals("key " + k + " " + expected.length() + "\n")
                        || !out.equals(expected)) {
                    wrong.add(scenario + " key " + k + ": exit " + r.exit() + " stdout '" + r.stdout().strip()
                            + "' " + r.casherLine().strip());
                }
            }
        }
        casher.run("verify", "--repair");
        boolean cleanAfterRepair = casher.run("verify").exit() == 0;
        System.out.println("[reliability] cli corruption " + scenario + ": damaged=" + damaged
                + " verify-reported=" + reported + " re-runs=" + reruns + " wrong=" + wrong.size()
                + " clean-after-repair=" + cleanAfterRepair);
        assertThat(wrong).as("wrong replays").isEmpty();
        assertThat(reported).as("verify reports the damage").isTrue();
        assertThat(cleanAfterRepair).isTrue();
    }

    private static String[] command(int k) {
        return new String[] {"--", "sh", "-c",
            "cat in" + k + ".txt > out" + k + ".txt; echo \"key " + k + " $(wc -c < in" + k + ".txt)\""};
    }

    private static List<Path> files(Path cache, String kind) throws Exception {
        Path base = cache.resolve("v1");
        try (Stream<Path> s = Files.walk(kind.equals("cas") ? base.resolve("cas") : base.resolve("ac"))) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> kind.equals("cas") || p.getFileName().toString().endsWith(kind))
                    .toList();
        }
    }

    private static void damage(Path f, boolean flip) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            long len = raf.length();
            if (flip && len > 0) {
                raf.seek(len / 2);
                int b = raf.read();
                raf.seek(len / 2);
                raf.write(b ^ 0x5a);
            } else {
                raf.setLength(len / 2);
            }
        }
    }
}
