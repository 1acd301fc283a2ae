package dev.casher.agent;

import static dev.casher.internal.record.EventKind.READ;
import static org.assertj.core.api.Assertions.assertThat;

import dev.casher.internal.record.CallContext;
import dev.casher.internal.record.EventKind;
import dev.casher.internal.record.Recording;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads done by work a call hands to other threads land in that call's recording only. */
class AttributionTest {
    @TempDir
    Path dir;
    private final List<Path> files = new ArrayList<>();

    @BeforeAll
    static void install() {
        CasherAgent.install();
    }

    @BeforeEach
    void files() throws IOException {
        for (int i = 0; i < 8; i++) {
            Path f = Files.writeString(dir.resolve("f" + i), "x" + i);
            files.add(f.toAbsolutePath().normalize());
        }
    }

    private static void read(Path p) {
        try {
            Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertReadAll(Recording.Snapshot s, List<Path> paths) {
        assertThat(s.taints()).isEmpty();
        Map<Path, Set<EventKind>> kinds = Recorded.kinds(s);
        for (Path p : paths) {
            assertThat(kinds.get(p)).as(p.toString()).isNotNull().contains(READ);
        }
    }

    @Test
    void parallelStream_workerReads_areAttributed() throws Exception {
        Recording.Snapshot s =
                Recorded.run(() -> files.parallelStream().forEach(AttributionTest::read));
        assertReadAll(s, files);
    }

    @Test
    void executorCreatedBeforeCall_taskReads_areAttributed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            pool.submit(() -> { }).get(); // the worker exists before the call
            Recording.Snapshot s = Recorded.run(() -> {
                List<Future<?>> fs = new ArrayList<>();
                for (Path f : files) {
                    fs.add(pool.submit(() -> read(f)));
                }
                for (Future<?> f : fs) {
                    f.get();
                }
            });
            assertReadAll(s, files);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void executeRunnable_onPoolCreatedBeforeCall_isAttributed() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            pool.submit(() -> { }).get();
            Recording.Snapshot s = Recorded.run(() -> {
                CountDownLatch done = new CountDownLatch(1);
                pool.execute(() -> {
                    read(files.get(0));
                    done.countDown();
                });
                assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            });
            assertReadAll(s, files.subList(0, 1));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void scheduledExecutor_oneShotTask_isAttributed() throws Exception {
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(1);
        try {
            pool.submit(() -> { }).get();
            Recording.Snapshot s = Recorded.run(() -> {
                pool.schedule(() -> read(files.get(0)), 1, TimeUnit.MILLISECONDS).get();
                pool.submit(() -> read(files.get(1))).get();
            });
            assertReadAll(s, files.subList(0, 2));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void completableFutureSupplyAsync_isAttributed() throws Exception {
        Recording.Snapshot s = Recorded.run(() -> CompletableFuture.supplyAsync(() -> {
            read(files.get(0));
            return 1;
        }).thenApplyAsync(x -> {
            read(files.get(1));
            return x;
        }).join());
        assertReadAll(s, files.subList(0, 2));
    }

    @Test
    void newThread_startedInCall_isAttributed() throws Exception {
        Recording.Snapshot s = Recorded.run(() -> {
            Thread t = new Thread(() -> read(files.get(0)));
            t.start();
            t.join();
        });
        assertReadAll(s, files.subList(0, 1));
    }

    @Test
    void forkJoinTasks_forkedSubtasks_areAttributed() throws Exception {
        ForkJoinPool pool = new ForkJoinPool(2);
        try {
            Recording.Snapshot s = Recorded.run(() -> pool.invoke(new ReadAll(files)));
            assertReadAll(s, files);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoConcurrentCalls_sharingOnePool_eachSeeOnlyTheirOwnReads() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier bothOpen = new CyclicBarrier(2);
            Future<Recording.Snapshot> one = callers.submit(() -> Recorded.run(() -> {
                bothOpen.await();
                pool.submit(() -> read(files.get(0))).get();
                pool.submit(() -> read(files.get(1))).get();
                bothOpen.await();
            }));
            Future<Recording.Snapshot> two = callers.submit(() -> Recorded.run(() -> {
                bothOpen.await();
                pool.submit(() -> read(files.get(2))).get();
                pool.submit(() -> read(files.get(3))).get();
                bothOpen.await();
            }));
            Recording.Snapshot s1 = one.get(20, TimeUnit.SECONDS);
            Recording.Snapshot s2 = two.get(20, TimeUnit.SECONDS);
            assertReadAll(s1, files.subList(0, 2));
            assertReadAll(s2, files.subList(2, 4));
            assertThat(s1.paths().keySet()).doesNotContainAnyElementsOf(files.subList(2, 4));
            assertThat(s2.paths().keySet()).doesNotContainAnyElementsOf(files.subList(0, 2));
        } finally {
            pool.shutdownNow();
            callers.shutdownNow();
        }
    }

    @Test
    void unattributedThread_readingDuringCall_taintsTheRecording() throws Exception {
        SynchronousQueue<Path> handOff = new SynchronousQueue<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            try {
                read(handOff.take()); // handed over through a queue: no submission to hook
                done.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stray-worker");
        worker.start();
        Recording.Snapshot s = Recorded.run(() -> {
            handOff.put(files.get(0));
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        });
        assertThat(s.taints()).anySatisfy(t -> assertThat(t).contains("unattributed")
                .contains(files.get(0).toString()).contains("stray-worker"));
        worker.join();
    }

    @Test
    void threadStartedByAnEndedCall_laterWorkForAnotherCall_taintsInsteadOfMisattributing()
            throws Exception {
        SynchronousQueue<Path> handOff = new SynchronousQueue<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread[] worker = new Thread[1];
        Recording.Snapshot first = Recorded.run(() -> {
            // A custom pool's worker, started by the first call, idle until handed work.
            worker[0] = new Thread(() -> {
                try {
                    read(handOff.take());
                    done.countDown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "custom-pool-worker");
            worker[0].start();
        });
        Recording.Snapshot second = Recorded.run(() -> {
            handOff.put(files.get(0));
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        });
        assertThat(first.paths()).doesNotContainKey(files.get(0));
        assertThat(second.taints()).anySatisfy(t -> assertThat(t).contains("custom-pool-worker"));
        worker[0].join();
    }

    @Test
    void threadThatWorkedForAnEndedCall_laterWorkForAnotherCall_taints() throws Exception {
        SynchronousQueue<Path> handOff = new SynchronousQueue<>();
        SynchronousQueue<Boolean> done = new SynchronousQueue<>();
        Thread worker = new Thread(() -> {
            try {
                for (int i = 0; i < 2; i++) {
                    read(handOff.take());
                    done.put(Boolean.TRUE);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "reused-worker");
        Recording.Snapshot first = Recorded.run(() -> {
            worker.start();
            handOff.put(files.get(0));
            done.take();
        });
        Recording.Snapshot second = Recorded.run(() -> {
            handOff.put(files.get(1));
            done.take();
        });
        assertThat(first.paths()).containsKey(files.get(0)).doesNotContainKey(files.get(1));
        assertThat(second.taints()).anySatisfy(t -> assertThat(t).contains("reused-worker"));
        worker.join();
    }

    @Test
    void ignoredPrefix_backgroundWritesThere_neitherRecordedNorTainting() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        CasherAgent.ignore(logs);
        Recording.Snapshot s = Recorded.run(() -> {
            Thread appender = new Thread(() -> {
                try {
                    Files.writeString(logs.resolve("app.log"), "line");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            CallContext saved = CallContext.attach(null); // started as by an unrelated thread
            try {
                appender.start();
            } finally {
                CallContext.detach(saved);
            }
            appender.join();
        });
        assertThat(s.taints()).isEmpty();
        assertThat(s.paths()).isEmpty();
    }

    @Test
    void noRecordingOpen_eventsAreIgnored() throws Exception {
        read(files.get(0));
        assertThat(CallContext.anyOpen()).isFalse();
        assertThat(dev.casher.agent.boot.IoHook.active).isFalse();
    }

    /** Reads its files by forking one subtask per file. */
    private static final class ReadAll extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient List<Path> paths;

        ReadAll(List<Path> paths) {
            this.paths = paths;
        }

        @Override
        protected void compute() {
            if (paths.size() == 1) {
                read(paths.get(0));
                return;
            }
            int mid = paths.size() / 2;
            ReadAll left = new ReadAll(paths.subList(0, mid));
            left.fork();
            new ReadAll(paths.subList(mid, paths.size())).compute();
            left.join();
        }
    }
}
