package dev.casher.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casher.internal.lookup.InputSet;
import dev.casher.internal.lookup.InputState;
import dev.casher.internal.util.Digest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Store behaviour across real JVM processes sharing one cache directory. */
class ProcessTests {
    @TempDir
    Path dir;

    static Manifest.Candidate candidate(String prefix, int i) {
        return new Manifest.Candidate(new InputSet(Map.of("/in/" + prefix + i,
                InputState.Absent.INSTANCE)), Digest.ofString(prefix + i));
    }

    @Test
    void addCandidate_fromTwoProcessesAtOnce_losesNone() throws Exception {
        Digest key = Samples.key("shared");
        // 7 permanent candidates each plus at most one temporary each fit in a manifest, so a
        // lost update shows as a missing permanent or a leftover temporary candidate.
        Process a = child("add", key.hex(), "a");
        Process b = child("add", key.hex(), "b");
        Thread.sleep(300);
        java.nio.file.Files.createFile(dir.resolve("go"));
        assertThat(readLine(a)).isEqualTo("DONE");
        assertThat(readLine(b)).isEqualTo("DONE");
        assertThat(a.waitFor(30, TimeUnit.SECONDS) && b.waitFor(30, TimeUnit.SECONDS)).isTrue();
        try (LocalStore store = LocalStore.open(dir, Clock.systemUTC())) {
            Set<Digest> got = new HashSet<>();
            store.readManifest(key).candidates().forEach(c -> got.add(c.entry()));
            Set<Digest> want = new HashSet<>();
            for (int i = 0; i < 7; i++) {
                want.add(Digest.ofString("a" + i));
                want.add(Digest.ofString("b" + i));
            }
            assertThat(got).isEqualTo(want);
        }
    }

    @Test
    void lockKey_holderKilled_isAcquiredWithinASecond() throws Exception {
        Digest key = Samples.key("locked");
        Process holder = child("lock", key.hex());
        assertThat(readLine(holder)).isEqualTo("LOCKED");
        try (LocalStore store = LocalStore.open(dir, Clock.systemUTC())) {
            assertThat(store.lockKey(key, Duration.ofMillis(200))).as("held by child").isNull();
            holder.destroyForcibly();
            long start = System.nanoTime();
            try (CacheStore.KeyLock lock = store.lockKey(key, Duration.ofSeconds(5))) {
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertThat(lock).isNotNull();
                assertThat(ms).isLessThan(1000);
            }
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void writerKilledMidWrite_leavesAConsistentCache() throws Exception {
        Digest key = Samples.key("churn");
        for (int round = 0; round < 3; round++) {
            Process writer = child("churn", key.hex());
            assertThat(readLine(writer)).isEqualTo("STARTED");
            Thread.sleep(200 + 150 * round);
            writer.destroyForcibly().waitFor();
            try (LocalStore store = LocalStore.open(dir, Clock.systemUTC())) {
                VerifyReport r = store.verify(VerifyMode.REPORT);
                assertThat(r.problems()).isEmpty();
                assertThat(r.entriesChecked()).isPositive();
                for (Manifest.Candidate c : store.readManifest(key).candidates()) {
                    Entry e = store.readEntry(c.entry());
                    for (BlobRef b : EntryCodec.blobs(e)) {
                        assertThat(store.readBytes(b)).hasSize((int) b.size());
                    }
                }
            }
        }
    }

    @Test
    void lockKey_withinOneProcess_excludesAndReleases() throws Exception {
        Digest key = Samples.key("local");
        try (LocalStore store = LocalStore.open(dir, Clock.systemUTC())) {
            CacheStore.KeyLock first = store.lockKey(key, Duration.ofSeconds(1));
            assertThat(first).isNotNull();
            assertThat(store.lockKey(key, Duration.ofMillis(50))).isNull();
            assertThat(store.lockKey(Samples.key("other"), Duration.ofMillis(50))).isNotNull();
            first.close();
            first.close(); // idempotent
            try (CacheStore.KeyLock again = store.lockKey(key, Duration.ofMillis(50))) {
                assertThat(again).isNotNull();
            }
        }
    }

    private Process child(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                StoreChildMain.class.getName(), args[0], dir.toString()));
        cmd.addAll(List.of(args).subList(1, args.length));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static String readLine(Process p) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8));
        return r.readLine();
    }
}
