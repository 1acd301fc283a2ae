package dev.casher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executable {@code PATH} selects is part of the key, for the command and for a shell inside it. */
class PathLookupIT {
    @TempDir
    Path tmp;
    Path work;
    CasherProcess casher;
    Path a;
    Path b;

    @BeforeEach
    void setUp() throws Exception {
        casher = CasherProcess.inTemp(tmp);
        work = casher.work();
        a = tool("a", "from-A");
        b = tool("b", "from-B");
    }

    private Path tool(String dir, String says) throws Exception {
        Path d = Files.createDirectories(tmp.resolve(dir));
        Path t = Files.writeString(d.resolve("tool"), "#!/bin/sh\necho " + says + "\n");
        Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
        return d;
    }

    private CasherProcess.Result run(Path first, String... cmd) throws Exception {
        String path = first + ":" + System.getenv("PATH");
        return casher.runWith(Map.of("PATH", path), null, cmd);
    }

    @Test
    void anotherDirectoryFirstOnPath_selectsAnotherExecutable() throws Exception {
        assertThat(run(a, "--", "tool").stdout()).isEqualTo("from-A\n");
        assertThat(run(a, "--", "tool").casherLine()).contains("hit");
        assertThat(run(b, "--", "tool").stdout()).isEqualTo("from-B\n");
        assertThat(run(b, "--", "sh", "-c", "tool").stdout()).isEqualTo("from-B\n");
        assertThat(run(a, "--", "sh", "-c", "tool").stdout()).isEqualTo("from-A\n");
    }

    @Test
    void executableAppearingEarlierOnTheSamePath_isSelected() throws Exception {
        Path c = Files.createDirectories(tmp.resolve("c"));
        String path = c + ":" + a + ":" + System.getenv("PATH");
        assertThat(casher.runWith(Map.of("PATH", path), null, "--", "tool").stdout()).isEqualTo("from-A\n");
        Files.copy(b.resolve("tool"), c.resolve("tool"));
        CasherProcess.Result r = casher.runWith(Map.of("PATH", path), null, "--", "tool");
        assertThat(r.stdout()).isEqualTo("from-B\n");
        assertThat(r.casherLine()).contains("miss");
    }
}
