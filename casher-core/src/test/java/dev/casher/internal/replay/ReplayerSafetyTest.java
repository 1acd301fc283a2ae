package dev.casher.internal.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casher.internal.lookup.FileDigester;
import dev.casher.internal.store.BlobRef;
import dev.casher.internal.store.Entry;
import dev.casher.internal.store.LocalStore;
import dev.casher.internal.store.Output;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replay removes no more than the recorded run did, and tidies only its own abandoned files. */
class ReplayerSafetyTest {
    @TempDir
    Path tmp;

    private static Entry entry(List<Output> outputs) {
        return new Entry(0, 1, outputs, null, List.of(), null, 0, Map.of());
    }

    @Test
    void recordedDeletion_neverRemovesADirectoryTree() throws Exception {
        Path victim = Files.createDirectories(tmp.resolve("work/victim/deep"));
        Files.writeString(victim.resolve("keep.txt"), "precious");
        try (LocalStore store = LocalStore.open(tmp.resolve("cache"), Clock.systemUTC())) {
            Replayer r = new Replayer(store, new FileDigester(store.statCache()));
            Entry planted = entry(List.of(new Output.Deleted(tmp.resolve("work/victim").toString())));
            assertThatThrownBy(() -> r.restoreOutputs(planted)).isInstanceOf(UnsafeEntryException.class)
                    .hasMessageContaining("did not remove");
            assertThat(victim.resolve("keep.txt")).hasContent("precious");

            Path empty = Files.createDirectories(tmp.resolve("work/empty"));
            Path file = Files.writeString(tmp.resolve("work/gone.txt"), "x");
            r.restoreOutputs(entry(List.of(new Output.Deleted(empty.toString()),
                    new Output.Deleted(file.toString()))));
            assertThat(empty).doesNotExist();
            assertThat(file).doesNotExist();
        }
    }

    @Test
    void fileOutputOverANonEmptyDirectory_isRefused() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("work/out"));
        Files.writeString(dir.resolve("inside.txt"), "precious");
        try (LocalStore store = LocalStore.open(tmp.resolve("cache"), Clock.systemUTC())) {
            Replayer r = new Replayer(store, new FileDigester(store.statCache()));
            BlobRef b = store.putBytes("new".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> r.restoreOutputs(entry(List.of(new Output.File(dir.toString(), b, 0644)))))
                    .isInstanceOf(UnsafeEntryException.class);
            assertThat(dir.resolve("inside.txt")).hasContent("precious");
        }
    }

    @Test
    void abandonedTempFilesOfAKilledRestore_areRemoved_othersAreLeft() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Path abandoned = Files.writeString(work.resolve(".casher-" + dead.pid() + "-1f2e.tmp"), "partial");
        Path ours = Files.writeString(work.resolve(".casher-" + TempLitter.PID + "-abcd.tmp"), "in progress");
        Path old = Files.writeString(work.resolve(".casher-0123456789abcdef.tmp"), "unprovable");
        Path user = Files.writeString(work.resolve(".casher-notes.tmp"), "the user's");
        try (LocalStore store = LocalStore.open(tmp.resolve("cache"), Clock.systemUTC())) {
            Replayer r = new Replayer(store, new FileDigester(store.statCache()));
            BlobRef b = store.putBytes("content".getBytes(StandardCharsets.UTF_8));
            r.restoreOutputs(entry(List.of(new Output.File(work.resolve("out.txt").toString(), b, 0644))));
        }
        assertThat(work.resolve("out.txt")).hasContent("content");
        assertThat(abandoned).doesNotExist();
        assertThat(ours).exists();
        assertThat(old).exists();
        assertThat(user).exists();
    }

    @Test
    void outputBelowADirectoryThatIsNowASymlink_isNotWrittenThroughIt() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.createSymbolicLink(work.resolve("sub"), outside);
        try (LocalStore store = LocalStore.open(tmp.resolve("cache"), Clock.systemUTC())) {
            Replayer r = new Replayer(store, new FileDigester(store.statCache()));
            BlobRef b = store.putBytes("planted".getBytes(StandardCharsets.UTF_8));
            String out = work.resolve("sub/deep/out.txt").toString();
            assertThatThrownBy(() -> r.restoreOutputs(entry(List.of(new Output.File(out, b, 0644)))))
                    .isInstanceOf(UnsafeEntryException.class).hasMessageContaining("symbolic link");
            Files.writeString(outside.resolve("victim.txt"), "precious");
            assertThatThrownBy(() -> r.restoreOutputs(entry(List.of(
                    new Output.Deleted(work.resolve("sub/victim.txt").toString())))))
                    .isInstanceOf(UnsafeEntryException.class);
            assertThatThrownBy(() -> r.restoreOutputs(entry(List.of(
                    new Output.Symlink(work.resolve("sub/link").toString(), "/etc/passwd")))))
                    .isInstanceOf(UnsafeEntryException.class);
        }
        try (var s = Files.list(outside)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("victim.txt");
        }
        assertThat(outside.resolve("victim.txt")).hasContent("precious");
    }

    @Test
    void pidIsReadOnlyFromOurNameForm() {
        assertThat(TempLitter.pid(".casher-123-ff.tmp")).isEqualTo(123);
        assertThat(TempLitter.pid(".casher-ff.tmp")).isEqualTo(-1);
        assertThat(TempLitter.pid(".casher-12-xyz.tmp")).isEqualTo(-1);
        assertThat(TempLitter.pid(".casher--ff.tmp")).isEqualTo(-1);
    }
}
