package dev.casher.internal.store;

import dev.casher.internal.util.Digest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A child process for multi-process store tests:
 * {@code add DIR KEYHEX PREFIX} waits for {@code DIR/go}, then adds and removes temporary
 * candidates many times while adding 7 permanent ones; {@code lock DIR KEYHEX} takes the
 * key's lock, prints {@code LOCKED} and waits to be killed; {@code churn DIR KEYHEX} stores
 * blobs, entries and candidates in a loop until killed.
 */
public final class StoreChildMain {
    private StoreChildMain() {
    }

    public static void main(String[] args) throws Exception {
        try (LocalStore store = LocalStore.open(Path.of(args[1]), Clock.systemUTC())) {
            Digest key = Digest.parse(args[2]);
            if (args[0].equals("add")) {
                while (!java.nio.file.Files.exists(Path.of(args[1], "go"))) {
                    Thread.onSpinWait();
                }
                String p = args[3];
                for (int i = 0; i < 140; i++) {
                    store.addCandidate(key, ProcessTests.candidate(p + "-tmp", i));
                    if (i % 20 == 0) {
                        store.addCandidate(key, ProcessTests.candidate(p, i / 20));
                    }
                    store.removeCandidate(key, ProcessTests.candidate(p + "-tmp", i).entry());
                }
                System.out.println("DONE");
            } else if (args[0].equals("churn")) {
                System.out.println("STARTED");
                System.out.flush();
                for (int i = 0; ; i++) {
                    byte[] data = new byte[1000 + i % 5000];
                    java.util.Arrays.fill(data, (byte) i);
                    Entry e = Samples.fileEntry(store, "/out/" + i, data);
                    Digest id = store.putEntry(e);
                    store.addCandidate(key, new Manifest.Candidate(
                            ProcessTests.candidate("c", i).inputs(), id));
                }
            } else {
                CacheStore.KeyLock lock = store.lockKey(key, Duration.ofSeconds(10));
                System.out.println(lock == null ? "TIMEOUT" : "LOCKED");
                System.out.flush();
                Thread.sleep(60_000);
            }
        }
    }
}
