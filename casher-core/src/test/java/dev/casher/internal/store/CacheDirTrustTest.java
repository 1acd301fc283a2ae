package dev.casher.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library opens its store through the same trust check as the CLI. */
class CacheDirTrustTest {
    @TempDir
    Path tmp;

    @Test
    void storeInAWorldWritableDirectory_isRefusedBeforeAnythingIsWritten() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("cache"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> LocalStore.open(dir, Clock.systemUTC()))
                .isInstanceOf(CacheDirTrust.UntrustedException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("0777")
                .hasMessageContaining("chmod go-w");
        assertThat(dir.resolve("v1")).doesNotExist();
    }

    @Test
    void storeUnderAGroupWritableParent_isRefused_ownPrivateDirectoryIsUsed() throws Exception {
        Path parent = Files.createDirectories(tmp.resolve("p"));
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxrwx---"));
        assertThatThrownBy(() -> LocalStore.open(parent.resolve("c"), Clock.systemUTC()))
                .isInstanceOf(CacheDirTrust.UntrustedException.class)
                .hasMessageContaining("its parent " + parent).hasMessageContaining("0770");
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwx------"));
        try (LocalStore s = LocalStore.open(parent.resolve("c"), Clock.systemUTC())) {
            assertThat(s.sizeBytes()).isZero();
            assertThat(parent.resolve("c/v1")).isDirectory();
        }
    }
}
