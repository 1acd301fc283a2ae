package dev.casher.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casher.internal.record.EventKind;
import dev.casher.internal.record.PathTrace;
import dev.casher.internal.record.Recording;
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file the call depends on and then changes has its pre-call state captured first. */
class PreStateTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void install() {
        CasherAgent.install();
    }

    private PathTrace trace(Recording.Snapshot s, Path p) {
        return s.paths().get(p.toAbsolutePath().normalize());
    }

    @Test
    void readThenTruncatingWrite_capturesPreStateBeforeTruncation() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "before");
        Recording.Snapshot s = Recorded.run(() -> {
            Files.readString(f);
            Files.writeString(f, "after");
        });
        PathTrace t = trace(s, f);
        assertThat(t.kinds()).contains(EventKind.READ, EventKind.WRITE);
        assertThat(t.observedBeforeMutated()).isTrue();
        assertThat(t.preState()).isNotNull();
    }

    @Test
    void appendToExistingFile_isAnInputWithPreState() throws Exception {
        Path f = Files.writeString(dir.resolve("log"), "old\n");
        Recording.Snapshot s = Recorded.run(() -> {
            try (FileOutputStream out = new FileOutputStream(f.toFile(), true)) {
                out.write('x');
            }
        });
        PathTrace t = trace(s, f);
        assertThat(t.first()).isEqualTo(EventKind.READ);
        assertThat(t.preState()).isNotNull();
    }

    @Test
    void readThenDelete_capturesPreState() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        Recording.Snapshot s = Recorded.run(() -> {
            Files.readAllBytes(f);
            Files.delete(f);
        });
        assertThat(trace(s, f).kinds()).contains(EventKind.READ, EventKind.DELETE);
        assertThat(trace(s, f).preState()).isNotNull();
    }

    @Test
    void writeToNewFile_isCreateWithoutPreState() throws Exception {
        Path f = dir.resolve("new");
        Recording.Snapshot s = Recorded.run(() -> Files.writeString(f, "x",
                StandardOpenOption.CREATE_NEW));
        assertThat(trace(s, f).kinds()).containsExactly(EventKind.CREATE);
        assertThat(trace(s, f).preState()).isNull();
    }
}
