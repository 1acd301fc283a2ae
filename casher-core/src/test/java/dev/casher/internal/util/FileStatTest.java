package dev.casher.internal.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileStat#absent} must answer exactly what {@code FileStat.of(path) == null} answers. */
class FileStatTest {
    @TempDir
    Path dir;

    /** The reference: NIO's own errno mapping. */
    private static Object byNio(Path p) {
        try {
            return FileStat.of(p) == null;
        } catch (IOException e) {
            return e.getClass();
        }
    }

    private static Object byAbsent(Path p) {
        try {
            return FileStat.absent(p);
        } catch (IOException e) {
            return e.getClass();
        }
    }

    @Test
    void absent_agreesWithNio_onEveryKindOfPath() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        Files.createDirectories(dir.resolve("d/e"));
        Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
        Files.createSymbolicLink(dir.resolve("linkToFile"), file);
        Files.createSymbolicLink(dir.resolve("loop"), dir.resolve("loop2"));
        Files.createSymbolicLink(dir.resolve("loop2"), dir.resolve("loop"));
        Path[] cases = {
            file, dir.resolve("d"), dir.resolve("d/e"), dir.resolve("missing"),
            dir.resolve("missing/deeper/still"), dir.resolve("d/missing"), dir.resolve("dangling"),
            dir.resolve("linkToFile"), dir.resolve("file/under-a-file"),
            dir.resolve("file/under/a-file"), Path.of("/"), Path.of("/no-such-top-level-dir/x"),
        };
        for (Path p : cases) {
            assertThat(byAbsent(p)).as(p.toString()).isEqualTo(byNio(p));
        }
    }

    @Test
    void absent_underAFile_throwsLikeNio() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> FileStat.absent(file.resolve("child")))
                .isInstanceOf(FileSystemException.class)
                .isNotInstanceOf(NoSuchFileException.class);
    }

    @Test
    void absent_symlinkLoop_countsAsAbsent() throws Exception {
        // Documented difference: NIO reports ELOOP by exception; opening the path fails either way.
        Files.createSymbolicLink(dir.resolve("a"), dir.resolve("b"));
        Files.createSymbolicLink(dir.resolve("b"), dir.resolve("a"));
        assertThat(FileStat.absent(dir.resolve("a"))).isTrue();
    }
}
