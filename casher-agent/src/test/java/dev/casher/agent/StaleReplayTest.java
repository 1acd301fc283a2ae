package dev.casher.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casher.CallOptions;
import dev.casher.Casher;
import dev.casher.CasherException;
import dev.casher.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Situations where a result cached in one JVM must not be replayed in the next (issue 10 §2). */
class StaleReplayTest {
    @TempDir
    Path tmp;

    @Test
    void relativeRead_inAnotherWorkingDirectory_runsAgain() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        Files.writeString(a.resolve("data.txt"), "from a");
        Files.writeString(b.resolve("data.txt"), "from b");
        settle(a.resolve("data.txt"), b.resolve("data.txt"));
        Path cache = tmp.resolve("cache");

        assertThat(TwoJvms.run(a, cache, "read-relative", "data.txt").results()).containsExactly("from a");
        TwoJvms.Run inB = TwoJvms.run(b, cache, "read-relative", "data.txt");
        assertThat(inB.results()).as(inB.err()).containsExactly("from b");
        TwoJvms.Run againInA = TwoJvms.run(a, cache, "read-relative", "data.txt");
        assertThat(againInA.results()).containsExactly("from a");
        assertThat(againInA.runs()).as(againInA.err()).isZero();
    }

    @Test
    void relativeExists_inAnotherWorkingDirectory_runsAgain() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        Files.writeString(a.resolve("marker.txt"), "");
        Path cache = tmp.resolve("cache");

        assertThat(TwoJvms.run(a, cache, "exists-relative", "marker.txt").results()).containsExactly("true");
        assertThat(TwoJvms.run(b, cache, "exists-relative", "marker.txt").results()).containsExactly("false");
    }

    /** Dates files a minute back, as files a user edits are, so their stats are trusted at once. */
    static void settle(Path... files) throws java.io.IOException {
        for (Path f : files) {
            Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(
                    System.currentTimeMillis() - 60_000));
        }
    }

    @Test
    void subprocessMode_isRefusedAtWrapTime() {
        CallOptions o = CallOptions.builder().mode(Mode.SUBPROCESS).build();
        assertThatThrownBy(() -> Casher.wrap(StaleMain::readRelative, o))
                .isInstanceOf(CasherException.class)
                .hasMessageContaining("Mode.SUBPROCESS is not available yet")
                .hasMessageContaining("Mode.IN_PROCESS");
    }

    @dev.casher.Cached(mode = Mode.SUBPROCESS)
    static int inSubprocess(int x) {
        return x + 1;
    }

    @Test
    void subprocessMode_cachedMethod_isRefusedAtItsFirstCall() {
        Casher.install();
        assertThatThrownBy(() -> inSubprocess(1))
                .isInstanceOf(CasherException.class)
                .hasMessageContaining("Mode.SUBPROCESS is not available yet");
    }
}
