package dev.casher.internal.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casher.internal.lookup.InputState;
import dev.casher.internal.record.Classification;
import dev.casher.internal.record.Classifier;
import dev.casher.internal.record.EventKind;
import dev.casher.internal.record.FileEvent;
import dev.casher.internal.record.PathFilter;
import dev.casher.internal.record.Recording;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What strace's after-the-fact events imply for renames and deletions (see {@link TraceEvents}). */
class TraceEventsTest {
    @TempDir
    Path dir;
    CommandCache cache;

    @BeforeEach
    void open() throws Exception {
        cache = CommandCache.open(dir.resolve("cache"), 1L << 30);
    }

    @AfterEach
    void close() {
        cache.close();
    }

    private Classification classify(FileEvent... events) {
        Recording rec = new Recording(cache.states(), 0);
        PathFilter filter = PathFilter.of(List.of(), List.of());
        TraceEvents.feed(List.of(events), rec, cache.states(), filter);
        return Classifier.classify(rec.snapshot(), filter);
    }

    @Test
    void renameOfExistingFile_sourceIsInputWithTheTargetsContent() throws Exception {
        Path src = dir.resolve("src");
        Path dst = Files.writeString(dir.resolve("dst"), "moved");
        Classification c = classify(FileEvent.of(EventKind.RENAME_FROM, src), FileEvent.of(EventKind.RENAME_TO, dst));
        assertThat(c.cacheable()).isTrue();
        assertThat(c.preStates().get(src)).isInstanceOf(InputState.FileContent.class);
        assertThat(((InputState.FileContent) c.preStates().get(src)).size()).isEqualTo(5);
        assertThat(c.outputs()).containsExactly(src, dst);
    }

    @Test
    void renameWhoseTargetChangesLater_isUncacheable() throws Exception {
        Path src = dir.resolve("src");
        Path dst = Files.writeString(dir.resolve("dst"), "moved");
        Classification c = classify(FileEvent.of(EventKind.RENAME_FROM, src), FileEvent.of(EventKind.RENAME_TO, dst),
                FileEvent.of(EventKind.WRITE, dst));
        assertThat(c.cacheable()).isFalse();
        assertThat(c.uncacheable().get(0)).contains(src.toString());
    }

    @Test
    void deleteAfterStat_requiresThePathToExist() {
        Path victim = dir.resolve("victim");
        Classification c = classify(FileEvent.of(EventKind.STAT, victim), FileEvent.of(EventKind.DELETE, victim));
        assertThat(c.cacheable()).isTrue();
        assertThat(c.preStates()).containsEntry(victim, new InputState.Present(InputState.FileType.FILE));
    }

    @Test
    void blindDelete_alsoProvesExistence() {
        Path victim = dir.resolve("victim");
        Classification c = classify(FileEvent.of(EventKind.DELETE, victim));
        assertThat(c.preStates()).containsEntry(victim, new InputState.Present(InputState.FileType.FILE));
    }

    @Test
    void deleteAfterReadingContent_isUncacheable() {
        Path victim = dir.resolve("victim");
        Classification c = classify(FileEvent.of(EventKind.READ, victim), FileEvent.of(EventKind.DELETE, victim));
        assertThat(c.cacheable()).isFalse();
    }

    @Test
    void createThenDelete_isNoInput() {
        Path scratch = dir.resolve("scratch");
        Classification c = classify(FileEvent.of(EventKind.CREATE, scratch), FileEvent.of(EventKind.DELETE, scratch));
        assertThat(c.cacheable()).isTrue();
        assertThat(c.preStates()).doesNotContainKey(scratch);
        assertThat(c.inputs()).doesNotContainKey(scratch);
    }
}
