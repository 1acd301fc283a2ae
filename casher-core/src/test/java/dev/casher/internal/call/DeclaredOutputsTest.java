package dev.casher.internal.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casher.CallOptions;
import dev.casher.Mode;
import dev.casher.internal.store.Entry;
import dev.casher.internal.store.HostileEntries;
import dev.casher.internal.store.Output;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In {@link Mode#DECLARED}, a hit restores declared outputs only (DESIGN rule 5). */
class DeclaredOutputsTest {
    static final AtomicInteger RUNS = new AtomicInteger();
    static final CallOptions WRITES = CallOptions.builder().mode(Mode.DECLARED)
            .outputs(a -> List.of(Path.of((String) a[0])))
            .build();

    @TempDir
    Path tmp;

    static String produce(String out) throws IOException {
        RUNS.incrementAndGet();
        Files.writeString(Path.of(out), "legit");
        return "produced";
    }

    @Test
    void hit_entryWritingOutsideTheDeclaredOutputs_isRefusedAndRuns() throws Throwable {
        Path cache = tmp.resolve("cache");
        Path out = tmp.resolve("out.txt");
        Path evil = tmp.resolve("out.txt.d/evil");
        new Engines(cache).call(DeclaredOutputsTest::produce, WRITES, out.toString());
        HostileEntries.Recorded run = HostileEntries.single(cache);
        HostileEntries.plantChanged(cache, run, e -> {
            Output.File f = (Output.File) e.outputs().get(0);
            return new Entry(e.createdAtMillis(), e.durationNanos(),
                    List.of(f, new Output.File(evil.toString(), f.blob(), f.mode())),
                    e.streams(), e.chunks(), e.value(), e.exitStatus(), e.metadata());
        });
        int before = RUNS.get();

        Object r = new Engines(cache).call(DeclaredOutputsTest::produce, WRITES, out.toString());

        assertThat(r).isEqualTo("produced");
        assertThat(RUNS.get()).isEqualTo(before + 1);
        assertThat(evil).doesNotExist();
    }

    @Test
    void hit_entryWritingTheDeclaredOutput_replays() throws Throwable {
        Path cache = tmp.resolve("cache");
        Path out = tmp.resolve("out.txt");
        new Engines(cache).call(DeclaredOutputsTest::produce, WRITES, out.toString());
        Files.delete(out);
        int before = RUNS.get();

        new Engines(cache).call(DeclaredOutputsTest::produce, WRITES, out.toString());

        assertThat(RUNS.get()).isEqualTo(before);
        assertThat(out).hasContent("legit");
    }
}
