package dev.casher.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files on the class path are inputs like any other, except the {@code .class} files the code
 * fingerprint covers; library jars are identified by content (issue 10 §2 items 2 and 3).
 */
class ClassPathInputsTest {
    @TempDir
    Path tmp;

    @Test
    void dataFileInClassPathDirectory_readByPath_changes_runsAgain() throws Exception {
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        Path data = Files.writeString(classes.resolve("data.txt"), "one");
        StaleReplayTest.settle(data);
        Path cache = tmp.resolve("cache");
        List<Path> cp = List.of(classes);

        assertThat(TwoJvms.run(tmp, cache, cp, "read-relative", data.toString()).results()).containsExactly("one");
        Files.writeString(data, "two");
        StaleReplayTest.settle(data);
        assertThat(TwoJvms.run(tmp, cache, cp, "read-relative", data.toString()).results()).containsExactly("two");
    }

    @Test
    void workingDirectoryOnClassPath_relativeDataFile_changes_runsAgain() throws Exception {
        Path data = Files.writeString(tmp.resolve("data.txt"), "one");
        StaleReplayTest.settle(data);
        Path cache = tmp.resolve("cache");
        List<Path> cp = List.of(Path.of("."));

        assertThat(TwoJvms.run(tmp, cache, cp, "read-relative", "data.txt").results()).containsExactly("one");
        Files.writeString(data, "two");
        StaleReplayTest.settle(data);
        assertThat(TwoJvms.run(tmp, cache, cp, "read-relative", "data.txt").results()).containsExactly("two");
    }

    @Test
    void resourceInClassPathDirectory_changes_runsAgain_unchanged_hits() throws Exception {
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        Path res = Files.writeString(classes.resolve("casher-test-resource.txt"), "one");
        StaleReplayTest.settle(res);
        Path cache = tmp.resolve("cache");
        List<Path> cp = List.of(classes);

        assertThat(TwoJvms.run(tmp, cache, cp, "resource", "casher-test-resource.txt").results())
                .containsExactly("one");
        TwoJvms.Run again = TwoJvms.run(tmp, cache, cp, "resource", "casher-test-resource.txt");
        assertThat(again.runs()).as("unchanged resource hits").isZero();
        Files.writeString(res, "two");
        StaleReplayTest.settle(res);
        assertThat(TwoJvms.run(tmp, cache, cp, "resource", "casher-test-resource.txt").results())
                .containsExactly("two");
    }

    @Test
    void resourceInClassPathJar_changes_runsAgain() throws Exception {
        Path jar = JarTestSupport.dataJar(tmp.resolve("res.jar"), List.of("casher-test-resource.txt", "one"));
        StaleReplayTest.settle(jar);
        Path cache = tmp.resolve("cache");
        List<Path> cp = List.of(jar);

        assertThat(TwoJvms.run(tmp, cache, cp, "resource", "casher-test-resource.txt").results())
                .containsExactly("one");
        JarTestSupport.dataJar(jar, List.of("casher-test-resource.txt", "two"));
        StaleReplayTest.settle(jar);
        assertThat(TwoJvms.run(tmp, cache, cp, "resource", "casher-test-resource.txt").results())
                .containsExactly("two");
    }

    @Test
    void libraryJarRebuiltInPlace_sameReleaseVersion_runsAgain() throws Exception {
        Path jar = JarTestSupport.libJar(tmp.resolve("lib/lib-1.0.jar"), "v1", "1.0");
        StaleReplayTest.settle(jar);
        Path cache = tmp.resolve("cache");
        List<Path> cp = List.of(jar);

        assertThat(TwoJvms.run(tmp, cache, cp, "lib", "x").results()).containsExactly("x:v1");
        TwoJvms.Run hit = TwoJvms.run(tmp, cache, cp, "lib", "x");
        assertThat(hit.runs()).as("an unchanged jar hits").isZero();
        JarTestSupport.libJar(jar, "v2", "1.0");
        StaleReplayTest.settle(jar);
        assertThat(TwoJvms.run(tmp, cache, cp, "lib", "x").results()).containsExactly("x:v2");
    }
}
