package dev.casher.internal.util;

import java.util.zip.CRC32C;

/**
 * Builds, on a second thread, the static state a command-line hit will need and a cold JVM is
 * slow to build, while the main thread parses arguments, opens the store and computes the key.
 * {@link CRC32C}'s tables (~2 ms interpreted) are first needed to verify the manifest. Class
 * initialisation is exclusive, so the main thread at worst waits for what is already under way.
 * On one core this costs a thread start and nothing else.
 */
public final class Warmup {
    private Warmup() {}

    /** Starts the warm-up on a daemon thread; returns at once. */
    public static void start() {
        Thread t = new Thread(new Runnable() { // not a lambda: this runs before every hit
            @Override
            public void run() {
                new CRC32C().update(new byte[1], 0, 1);
            }
        }, "casher-warmup");
        t.setDaemon(true);
        t.start();
    }
}
