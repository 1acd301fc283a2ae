package dev.casher.internal.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casher.internal.util.Digest;
import dev.casher.internal.util.FileStat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stat hints of recorded input states: trusted only when settled, never over a change. */
class InputStatesTest {
    @TempDir
    static Path dir;
    static Path settledFile;
    static Path settledDir;

    /** A stat cache that counts lookups, to see which checks needed it. */
    static final class CountingStatCache implements StatCache {
        final AtomicInteger lookups = new AtomicInteger();

        @Override
        public Digest lookup(String path, FileStat stat) {
            lookups.incrementAndGet();
            return null;
        }

        @Override
        public void remember(String path, FileStat stat, Digest digest) {
        }
    }

    @BeforeAll
    static void settle() throws Exception {
        settledFile = Files.writeString(dir.resolve("settled.txt"), "hello");
        settledDir = Files.createDirectories(dir.resolve("listed"));
        Files.writeString(settledDir.resolve("a"), "a");
        Thread.sleep(2_200); // older than the 2 s timestamp margin: settled
    }

    @Test
    void current_settledFileAndListing_carryTheirStatAsHint() throws Exception {
        InputStates states = new InputStates(new FileDigester(StatCache.NONE));
        InputState.FileContent f = (InputState.FileContent) states.current(settledFile,
                Observation.CONTENT);
        assertThat(f.seen()).isEqualTo(FileStat.of(settledFile));
        InputState.DirListing d = (InputState.DirListing) states.current(settledDir,
                Observation.LISTING);
        assertThat(d.seen()).isEqualTo(FileStat.of(settledDir));
    }

    @Test
    void current_fileWrittenJustNow_hasNoHint() throws Exception {
        Path fresh = Files.writeString(dir.resolve("fresh.txt"), "new");
        InputStates states = new InputStates(new FileDigester(StatCache.NONE));
        InputState.FileContent f = (InputState.FileContent) states.current(fresh,
                Observation.CONTENT);
        assertThat(f.seen()).isNull();
        assertThat(f.digest()).isEqualTo(Digest.ofString("new"));
    }

    @Test
    void holds_sameStatAsTheHint_needsNoStatCache() throws Exception {
        InputState recorded = new InputStates(new FileDigester(StatCache.NONE))
                .current(settledFile, Observation.CONTENT);
        CountingStatCache cache = new CountingStatCache();
        InputStates fresh = new InputStates(new FileDigester(cache));
        assertThat(fresh.holds(settledFile.toString(), recorded)).isTrue();
        assertThat(cache.lookups).hasValue(0);
    }

    @Test
    void holds_fileRewrittenWithSameSize_isAMismatch_evenWithAHint() throws Exception {
        Path p = Files.writeString(dir.resolve("rewritten.txt"), "12345");
        FileStat before = FileStat.of(p);
        // A hint as a record would have stored it after the file settled.
        InputState recorded = new InputState.FileContent(Digest.ofString("12345"), 5, before);
        Files.writeString(p, "54321");
        InputStates states = new InputStates(new FileDigester(StatCache.NONE));
        assertThat(states.holds(p.toString(), recorded)).isFalse();
        Files.writeString(p, "12345"); // back to the recorded content: holds by digest
        assertThat(states.holds(p.toString(), recorded)).isTrue();
    }

    @Test
    void holds_staleHintButSameContent_holdsByDigest() throws Exception {
        FileStat bogus = new FileStat(5, 1, 2, 3, 4, 0100644);
        InputState recorded = new InputState.FileContent(Digest.ofString("hello"), 5, bogus);
        InputStates states = new InputStates(new FileDigester(StatCache.NONE));
        assertThat(states.holds(settledFile.toString(), recorded)).isTrue();
    }
}
