package dev.casher.internal.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Cross-process exclusive locks on lock files ({@code fcntl} locks through
 * {@link FileChannel#tryLock()}), combined with an in-process semaphore per file because the JVM
 * refuses a second lock on a file it already locks. The OS drops a lock when its holder dies, so
 * a killed holder never blocks anyone. Lock files are never deleted: deleting a file another
 * process has open and is waiting on would let two holders in. Thread-safe.
 */
final class FileLocks {
    private static final long MAX_SLEEP_MS = 20;
    private static final Set<OpenOption> OPEN =
            Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);

    // Static: two stores on one directory in one JVM must also exclude each other in-process.
    private static final ConcurrentHashMap<Path, Semaphore> LOCAL = new ConcurrentHashMap<>();

    /**
     * Takes the lock of {@code file} (created if needed), waiting at most {@code timeout};
     * {@code null} on timeout.
     */
    CacheStore.KeyLock acquire(Path file, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Semaphore sem = local(file.toAbsolutePath().normalize());
        try {
            if (!sem.tryAcquire(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS)) {
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        boolean ok = false;
        try {
            CacheStore.KeyLock held = lockFile(file, deadline);
            ok = held != null;
            if (held == null) {
                return null;
            }
            return new Held(held, sem);
        } finally {
            if (!ok) {
                sem.release();
            }
        }
    }

    private static CacheStore.KeyLock lockFile(Path file, long deadline) throws IOException {
        FileChannel ch = open(file);
        try {
            long sleepMs = 1;
            while (true) {
                FileLock lock = ch.tryLock();
                if (lock != null) {
                    return new ChannelLock(ch);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    close(ch);
                    return null;
                }
                // Polling rather than a blocking lock() so that the timeout is honoured.
                Thread.sleep(Math.min(sleepMs, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))));
                sleepMs = Math.min(MAX_SLEEP_MS, sleepMs * 2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close(ch);
            return null;
        } catch (IOException | RuntimeException e) {
            close(ch);
            throw e;
        }
    }

    private static FileChannel open(Path file) throws IOException {
        RegularFiles.require(file);
        try {
            return FileChannel.open(file, OPEN, CacheLayout.FILE_ATTRS);
        } catch (java.nio.file.NoSuchFileException e) {
            Files.createDirectories(file.getParent(), CacheLayout.DIR_ATTRS);
            return FileChannel.open(file, OPEN, CacheLayout.FILE_ATTRS);
        }
    }

    private static void close(FileChannel ch) {
        try {
            ch.close(); // closing the channel releases its lock
        } catch (IOException e) {
            // nothing to do: the OS releases the lock when the descriptor goes
        }
    }

    // Named classes rather than lambdas here and below: locks are taken on every command-line
    // hit, where a JVM's first lambda costs milliseconds of start-up.
    private static Semaphore local(Path file) {
        Semaphore sem = LOCAL.get(file);
        if (sem == null) {
            Semaphore fresh = new Semaphore(1);
            sem = LOCAL.putIfAbsent(file, fresh);
            if (sem == null) {
                sem = fresh;
            }
        }
        return sem;
    }

    /** The OS lock held through its channel; closing the channel releases it. */
    private static final class ChannelLock implements CacheStore.KeyLock {
        private final FileChannel ch;

        ChannelLock(FileChannel ch) {
            this.ch = ch;
        }

        @Override
        public void close() {
            FileLocks.close(ch);
        }
    }

    /** Both locks of a holder: the OS file lock and this JVM's semaphore. */
    private static final class Held implements CacheStore.KeyLock {
        private final CacheStore.KeyLock file;
        private final Semaphore sem;
        private final AtomicBoolean open = new AtomicBoolean(true);

        Held(CacheStore.KeyLock file, Semaphore sem) {
            this.file = file;
            this.sem = sem;
        }

        @Override
        public void close() {
            if (open.getAndSet(false)) { // closing twice must not release twice
                file.close();
                sem.release();
            }
        }
    }
}
