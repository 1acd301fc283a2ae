package dev.casher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability suite 1 for the command-line tool: {@code casher -- CMD} processes (and the
 * commands they trace) are SIGKILLed at random instants while others hit, record, store and
 * evict on the same small cache. Every run that completes must print exactly the right line and
 * leave exactly the right file; afterwards every key replays correctly and {@code casher verify}
 * finds the cache consistent (or {@code --repair} makes it so).
 */
@Tag("reliability")
class CommandCrashTortureIT {
    private static final int KEYS = 6;

    @TempDir
    Path tmp;

    @Test
    void killedCasherProcesses_neverCauseAWrongReplay() throws Exception {
        Assumptions.assumeTrue(CasherProcess.onPath("strace"), "strace is not installed");
        int rounds = (int) (40 * Double.parseDouble(System.getProperty("casher.reliability.scale", "1")));
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path cache = tmp.resolve("cache");
        CasherProcess casher = new CasherProcess(work, cache, Files.createDirectories(tmp.resolve("logs")));
        Map<String, String> env = Map.of("CASHER_MAX_CACHE_BYTES", "48K");
        Random random = new Random(42);
        int[] version = new int[KEYS];
        for (int k = 0; k < KEYS; k++) {
            writeInput(work, k, version[k]);
        }
        int kills = 0;
        int checked = 0;
        int hits = 0;
        List<String> wrong = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            if (round % 8 == 7) {
                int k = random.nextInt(KEYS);
                writeInput(work, k, ++version[k]);
            }
            int victimKey = random.nextInt(KEYS);
            // Another key: a killed command may leave its own output torn, which is not casher's
            // doing; the next run of that key (checked later) must repair it.
            int otherKey = (victimKey + 1 + random.nextInt(KEYS - 1)) % KEYS;
            CasherProcess.Started victim = casher.start(env, null, command(victimKey));
            CasherProcess.Started other = casher.start(env, null, command(otherKey));
            Thread.sleep(random.nextInt(400));
            // The whole tree dies, as in a crash of the machine's process group: no orphan
            // command finishes a write later behind the checks' back.
            victim.process().descendants().forEach(ProcessHandle::destroyForcibly);
            victim.process().destroyForcibly();
            victim.process().waitFor(30, TimeUnit.SECONDS);
            kills++;
            CasherProcess.Result r = casher.await(other);
            checked++;
            hits += r.casherLine().contains("casher: hit") ? 1 : 0;
            check(work, otherKey, version[otherKey], r, wrong);
        }
        for (int k = 0; k < KEYS; k++) {
            for (int pass = 0; pass < 2; pass++) {
                Files.deleteIfExists(work.resolve("out" + k + ".txt"));
                CasherProcess.Result r = casher.runWith(env, null, command(k));
                checked++;
                hits += r.casherLine().contains("casher: hit") ? 1 : 0;
                check(work, k, version[k], r, wrong);
            }
        }
        CasherProcess.Result verify = casher.run("verify");
        boolean clean = verify.exit() == 0;
        if (!clean) {
            casher.run("verify", "--repair");
            clean = casher.run("verify").exit() == 0;
        }
        System.out.println("[reliability] cli crash torture: rounds=" + rounds + " kills=" + kills
                + " checked-runs=" + checked + " hits=" + hits + " wrong=" + wrong.size()
                + " verify-clean=" + (verify.exit() == 0) + " clean-after-repair=" + clean);
        assertThat(wrong).as("wrong replays").isEmpty();
        assertThat(clean).as(verify.stdout() + verify.err()).isTrue();
    }

    private static String[] command(int k) {
        return new String[] {"--", "sh", "-c",
            "cat in" + k + ".txt > out" + k + ".txt; echo \"key " + k + " $(cat in" + k + ".txt)\""};
    }

    private static void writeInput(Path work, int k, int version) throws Exception {
        Files.writeString(work.resolve("in" + k + ".txt"), "content-" + k + "-v" + version);
    }

    private static void check(Path work, int k, int version, CasherProcess.Result r, List<String> wrong)
            throws Exception {
        String expected = "content-" + k + "-v" + version;
        String out = Files.exists(work.resolve("out" + k + ".txt"))
                ? Files.readString(work.resolve("out" + k + ".txt"), StandardCharsets.UTF_8) : "<missing>";
        if (r.exit() != 0 || !r.stdout().equals("key " + k + " " + expected + "\n") || !out.equals(expected)) {
            wrong.add("key " + k + " v" + version + ": exit " + r.exit() + ", stdout '" + r.stdout().strip()
                    + "', file '" + out + "', " + r.casherLine().strip());
        }
    }
}
