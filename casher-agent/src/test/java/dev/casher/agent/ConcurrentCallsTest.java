package dev.casher.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent calls do not taint each other through class loading (issue 10 §3 item 6). */
class ConcurrentCallsTest {
    @TempDir
    Path tmp;

    @Test
    @Disabled("issue 10 §3 item 6 is still open: intermittently 2 to 7 of the 8 keys run again in"
            + " the second JVM (seen in about half of the runs on 2 cores); enable with the fix")
    void eightThreads_classesDirectoryFirstOnClassPath_allStored_allHitInTheNextJvm() throws Exception {
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        Path data = Files.createDirectories(tmp.resolve("data"));
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            StaleReplayTest.settle(Files.writeString(data.resolve("f" + i), "v" + i));
            expected.append(i == 0 ? "" : ",").append("v").append(i);
        }
        Path cache = tmp.resolve("cache");
        List<Path> cp = List.of(classes);

        TwoJvms.Run first = TwoJvms.run(tmp, cache, cp, "threads", data.toString());
        assertThat(first.results()).containsExactly(expected.toString());
        assertThat(first.runs()).isEqualTo(8);
        TwoJvms.Run second = TwoJvms.run(tmp, cache, cp, "threads", data.toString());
        assertThat(second.results()).containsExactly(expected.toString());
        assertThat(second.runs()).as("all 8 were stored and hit: " + second.err()).isZero();
    }
}
