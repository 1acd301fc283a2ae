package dev.casher.internal.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casher.internal.lookup.FileDigester;
import dev.casher.internal.lookup.InputState;
import dev.casher.internal.lookup.InputStates;
import dev.casher.internal.lookup.Observation;
import dev.casher.internal.lookup.StatCache;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifierTest {
    private final Recording rec = new Recording(new InputStates(new FileDigester(StatCache.NONE)), 0);
    private final PathFilter none = PathFilter.of(List.of(), List.of());
    private final Path a = Path.of("/data/a.csv");

    private Classification classify() {
        return Classifier.classify(rec.snapshot(), none);
    }

    @Test
    void readOnly_isInputByContent() {
        rec.event(EventKind.READ, a);
        Classification c = classify();
        assertThat(c.inputs()).containsEntry(a, Observation.CONTENT);
        assertThat(c.outputs()).isEmpty();
        assertThat(c.cacheable()).isTrue();
    }

    @Test
    void writeThenRead_scratchFile_isOutputOnly() {
        rec.event(EventKind.CREATE, a);
        rec.event(EventKind.READ, a);
        Classification c = classify();
        assertThat(c.inputs()).isEmpty();
        assertThat(c.preStates()).isEmpty();
        assertThat(c.outputs()).containsExactly(a);
    }

    @Test
    void readThenWrite_withoutPreState_isUncacheable() {
        rec.event(EventKind.READ, a);
        rec.event(EventKind.WRITE, a);
        Classification c = classify();
        assertThat(c.cacheable()).isFalse();
        assertThat(c.uncacheable().get(0)).contains("read and then changed").contains("/data/a.csv");
    }

    @Test
    void existenceCheckThenOverwrite_isInputAFileAndOutput() {
        // cp onto an existing target: a probe (ENOTDIR: not a directory), then O_WRONLY|O_TRUNC
        rec.event(EventKind.STAT, a);
        rec.event(EventKind.OPENED_EXISTING, a);
        rec.event(EventKind.WRITE, a);
        rec.event(EventKind.READ, a); // reading back its own output changes nothing
        Classification c = classify();
        assertThat(c.preStates()).containsEntry(a, new InputState.Present(InputState.FileType.FILE));
        assertThat(c.outputs()).containsExactly(a);
        assertThat(c.cacheable()).isTrue();
    }

    @Test
    void overwriteOfAnExistingFile_afterReadingItOrBeforeDeletingIt_isStillUncacheable() {
        rec.event(EventKind.READ, a);
        rec.event(EventKind.OPENED_EXISTING, a);
        rec.event(EventKind.WRITE, a);
        assertThat(classify().cacheable()).as("its content was read first").isFalse();

        Recording other = new Recording(new InputStates(new FileDigester(StatCache.NONE)), 0);
        other.event(EventKind.OPENED_EXISTING, a);
        other.event(EventKind.WRITE, a);
        other.event(EventKind.DELETE, a);
        assertThat(Classifier.classify(other.snapshot(), none).cacheable())
                .as("deleted afterwards: the rule does not cover it").isFalse();
    }

    @Test
    void probeThenCreate_isInputAbsentAndOutput() {
        rec.event(EventKind.PROBE_MISSING, a);
        rec.event(EventKind.CREATE, a);
        Classification c = classify();
        assertThat(c.preStates()).containsEntry(a, InputState.Absent.INSTANCE);
        assertThat(c.outputs()).containsExactly(a);
        assertThat(c.cacheable()).isTrue();
    }

    @Test
    void listing_isInputByListing_andStatIsExistence() {
        rec.event(EventKind.LIST_DIR, Path.of("/data"));
        rec.event(EventKind.STAT, Path.of("/data/b"));
        Classification c = classify();
        assertThat(c.inputs()).containsEntry(Path.of("/data"), Observation.LISTING)
                .containsEntry(Path.of("/data/b"), Observation.EXISTENCE);
    }

    @Test
    void ignoredPrefixesAndGlobs_areNeitherInputsNorOutputs() {
        rec.event(EventKind.READ, Path.of("/proc/self/status"));
        rec.event(EventKind.WRITE, Path.of("/work/log/run.log"));
        rec.event(EventKind.READ, a);
        Classification c = Classifier.classify(rec.snapshot(),
                PathFilter.of(PathFilter.systemPrefixes(), List.of("*.log")));
        assertThat(c.inputs()).containsOnlyKeys(a);
        assertThat(c.outputs()).isEmpty();
    }

    @Test
    void taint_makesTheRunUncacheable() {
        rec.event(EventKind.READ, a);
        rec.taint("unattributed read of /x on thread 'pool-1'");
        assertThat(classify().uncacheable()).containsExactly("unattributed read of /x on thread 'pool-1'");
    }

    @Test
    void output_chunksKeepStreamOrder() {
        rec.output(StreamTag.STDOUT, "a".getBytes(), 0, 1);
        rec.output(StreamTag.STDOUT, "b".getBytes(), 0, 1);
        rec.output(StreamTag.STDERR, "c".getBytes(), 0, 1);
        rec.output(StreamTag.STDOUT, "d".getBytes(), 0, 1);
        List<OutputChunk> chunks = rec.snapshot().chunks();
        assertThat(chunks).extracting(OutputChunk::stream)
                .containsExactly(StreamTag.STDOUT, StreamTag.STDERR, StreamTag.STDOUT);
        assertThat(new String(chunks.get(0).bytes())).isEqualTo("ab");
    }

    @Test
    void renameOrDeleteOfAFileTheCallDidNotCreate_withoutPreState_isUncacheable() {
        rec.event(EventKind.RENAME_FROM, a);
        rec.event(EventKind.RENAME_TO, Path.of("/data/b.csv"));
        rec.event(EventKind.DELETE, Path.of("/data/c.csv"));
        Classification c = classify();
        assertThat(c.uncacheable()).hasSize(2);
        assertThat(c.outputs()).contains(a, Path.of("/data/b.csv"), Path.of("/data/c.csv"));
    }

    @Test
    void createThenDelete_scratchFile_needsNoPreState() {
        rec.event(EventKind.CREATE, a);
        rec.event(EventKind.DELETE, a);
        assertThat(classify().cacheable()).isTrue();
    }
}
