package dev.casher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.casher.cli.CasherProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository-root launchers ({@code ./casher}, {@code ./acache}) on the README's main job,
 * {@code examples/wordcount}: a miss, then a hit that replays stdout, stderr and the report.
 */
class LauncherIT {
    @TempDir
    Path tmp;

    @Test
    void mainJob_missThenHit_throughTheLauncher() throws Exception {
        assumeTrue(CasherProcess.onPath("strace"), "strace is not installed");
        Path example = CasherProcess.MODULE.getParent().resolve("examples/wordcount");
        Path work = Files.createDirectories(tmp.resolve("work"));
        copy(example, work.resolve("wordcount"));
        CasherProcess p = new CasherProcess(work, tmp.resolve("cache"), Files.createDirectories(tmp.resolve("logs")));
        List<String> cmd = List.of(CasherProcess.LAUNCHER.toString(), "--", "sh", "wordcount/run.sh");

        Result miss = p.await(p.startRaw(cmd, Map.of(), null));
        assertThat(miss.exit()).isZero();
        assertThat(miss.stdout()).startsWith("wordcount: 3 files, 24 words");
        assertThat(miss.casherLine()).contains("casher: miss").contains("stored");
        Path report = work.resolve("wordcount/out/report.txt");
        String expected = Files.readString(report);
        Files.delete(report);

        Result hit = p.await(p.startRaw(cmd, Map.of(), null));
        assertThat(hit.casherLine()).contains("casher: hit");
        assertThat(hit.out()).isEqualTo(miss.out());
        assertThat(hit.commandErr()).isEqualTo(miss.commandErr()).contains("a note on stderr");
        assertThat(Files.readString(report)).isEqualTo(expected).endsWith("total 24\n");
    }

    @Test
    void acacheAlias_printsTheVersion() throws Exception {
        Path acache = CasherProcess.MODULE.getParent().resolve("acache");
        CasherProcess p = new CasherProcess(tmp, tmp.resolve("cache"), Files.createDirectories(tmp.resolve("logs")));
        Result r = p.await(p.startRaw(List.of(acache.toString(), "--version"), Map.of(), null));
        assertThat(r.exit()).isZero();
        assertThat(r.stdout()).startsWith("casher 0.1.0");
    }

    @Test
    void archive_isRecordedOnce_andAgainWhenTheJdkBehindJavaChanges() throws Exception {
        Path target = CasherProcess.MODULE.resolve("target");
        CasherProcess p = new CasherProcess(tmp, tmp.resolve("cache"), Files.createDirectories(tmp.resolve("logs")));
        List<String> version = List.of(CasherProcess.LAUNCHER.toString(), "--version");
        assertThat(p.await(p.startRaw(version, Map.of(), null)).exit()).isZero();
        Path stamp = onlyStamp(target);
        String madeBy = Files.readString(stamp).trim();
        assertThat(Path.of(madeBy)).isExecutable();
        java.nio.file.attribute.FileTime recorded = Files.getLastModifiedTime(stamp);

        assertThat(p.await(p.startRaw(version, Map.of(), null)).exit()).isZero();
        assertThat(Files.getLastModifiedTime(stamp)).as("reused, not recorded again").isEqualTo(recorded);

        // As if `java` now led to another JDK: the stamp no longer names the same binary.
        Files.writeString(stamp, tmp.resolve("other-jdk/bin/java") + "\n");
        Result r = p.await(p.startRaw(version, Map.of(), null));
        assertThat(r.exit()).isZero();
        assertThat(r.stdout()).startsWith("casher 0.1.0");
        assertThat(Files.readString(stamp).trim()).isEqualTo(madeBy);
        String archive = stamp.getFileName().toString().replaceFirst("\\.jdk$", "");
        try (Stream<Path> files = Files.list(target)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .anyMatch(n -> n.equals(archive + ".jsa") || n.equals(archive + ".aot"));
        }
    }

    @Test
    void launcher_reachedThroughASymlinkFromElsewhere_runsTheCommand() throws Exception {
        assumeTrue(CasherProcess.onPath("strace"), "strace is not installed");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("casher"), CasherProcess.LAUNCHER);
        Path work = Files.createDirectories(tmp.resolve("elsewhere"));
        CasherProcess p = new CasherProcess(work, tmp.resolve("cache"), Files.createDirectories(tmp.resolve("logs")));
        List<String> cmd = List.of(bin.resolve("casher").toString(), "--", "sh", "-c", "echo via-link");
        Result miss = p.await(p.startRaw(cmd, Map.of(), null));
        assertThat(miss.exit()).isZero();
        assertThat(miss.stdout()).isEqualTo("via-link\n");
        Result hit = p.await(p.startRaw(cmd, Map.of(), null));
        assertThat(hit.casherLine()).contains("casher: hit");
        assertThat(hit.stdout()).isEqualTo("via-link\n");
        Files.delete(bin.resolve("casher")); // a link out of the temp dir makes JUnit warn
    }

    /** The archive stamp of the java on PATH (the launcher names it after that path). */
    private static Path onlyStamp(Path target) throws Exception {
        String java = null;
        for (String d : System.getenv("PATH").split(":")) {
            Path j = Path.of(d.isEmpty() ? "." : d, "java");
            if (Files.isExecutable(j) && !Files.isDirectory(j)) {
                java = j.toString();
                break;
            }
        }
        assertThat(java).as("java on PATH").isNotNull();
        Path stamp = target.resolve("casher-" + java.replaceAll("[^A-Za-z0-9]", "_") + ".jdk");
        assertThat(stamp).exists();
        return stamp;
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path s : (Iterable<Path>) all::iterator) {
                Path rel = from.relativize(s);
                if (rel.startsWith("out")) {
                    continue;
                }
                Path t = to.resolve(rel.toString());
                if (Files.isDirectory(s)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(s, t);
                }
            }
        }
    }
}
