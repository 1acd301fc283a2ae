package dev.casher.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casher.internal.util.Digest;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStoreBlobTest {
    @TempDir
    Path dir;
    LocalStore store;

    @BeforeEach
    void open() throws IOException {
        store = LocalStore.open(dir.resolve("cache"), new TestClock());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void putBytes_readBytes_roundTrips() throws IOException {
        byte[] data = "some bytes".getBytes(StandardCharsets.UTF_8);
        BlobRef ref = store.putBytes(data);
        assertThat(ref.digest()).isEqualTo(Digest.ofBytes(data));
        assertThat(ref.size()).isEqualTo(data.length);
        assertThat(store.readBytes(ref)).isEqualTo(data);
    }

    @Test
    void blob_isStoredRawUnderItsShardedDigest() throws IOException {
        byte[] data = {9, 8, 7};
        BlobRef ref = store.putBytes(data);
        String hex = ref.digest().hex();
        Path p = store.root().resolve("v1/cas").resolve(hex.substring(0, 2)).resolve(hex);
        assertThat(Files.readAllBytes(p)).isEqualTo(data);
    }

    @Test
    void putBytes_sameContentTwice_storesOneBlob() throws IOException {
        BlobRef a = store.putBytes(new byte[] {1, 2});
        BlobRef b = store.putBytes(new byte[] {1, 2});
        assertThat(a).isEqualTo(b);
        assertThat(blobFiles()).hasSize(1);
        assertThat(store.sizeBytes()).isEqualTo(2);
    }

    @Test
    void putFile_copyTo_roundTripsLargeFile() throws IOException {
        byte[] data = new byte[3 << 20];
        new Random(1).nextBytes(data);
        Path src = Files.write(dir.resolve("src.bin"), data);
        BlobRef ref = store.putFile(src);
        assertThat(ref).isEqualTo(BlobIo.ref(data));
        Path target = dir.resolve("restored.bin");
        store.copyTo(ref, target);
        assertThat(Files.readAllBytes(target)).isEqualTo(data);
        assertThat(store.putFile(src)).isEqualTo(ref);
        assertThat(blobFiles()).hasSize(1);
    }

    @Test
    void readBytes_flippedByte_isCorrupt() throws IOException {
        BlobRef ref = store.putBytes("abcdef".getBytes(StandardCharsets.UTF_8));
        flipByte(blobPath(ref), 3);
        assertThatThrownBy(() -> store.readBytes(ref)).isInstanceOf(CorruptCacheException.class);
    }

    @Test
    void readBytes_truncated_isCorrupt() throws IOException {
        BlobRef ref = store.putBytes("abcdef".getBytes(StandardCharsets.UTF_8));
        truncate(blobPath(ref), 2);
        assertThatThrownBy(() -> store.readBytes(ref)).isInstanceOf(CorruptCacheException.class);
    }

    @Test
    void readBytes_missing_isCorrupt() throws IOException {
        BlobRef ref = store.putBytes("abcdef".getBytes(StandardCharsets.UTF_8));
        Files.delete(blobPath(ref));
        assertThatThrownBy(() -> store.readBytes(ref)).isInstanceOf(CorruptCacheException.class);
    }

    @Test
    void copyTo_flippedByte_isCorruptAndLeavesNoTarget() throws IOException {
        BlobRef ref = store.putBytes("abcdef".getBytes(StandardCharsets.UTF_8));
        flipByte(blobPath(ref), 0);
        Path target = dir.resolve("t");
        assertThatThrownBy(() -> store.copyTo(ref, target))
                .isInstanceOf(CorruptCacheException.class);
        assertThat(target).doesNotExist();
    }

    @Test
    void copyTo_truncated_isCorruptAndLeavesNoTarget() throws IOException {
        BlobRef ref = store.putBytes("abcdef".getBytes(StandardCharsets.UTF_8));
        truncate(blobPath(ref), 5);
        Path target = dir.resolve("t");
        assertThatThrownBy(() -> store.copyTo(ref, target))
                .isInstanceOf(CorruptCacheException.class);
        assertThat(target).doesNotExist();
    }

    @Test
    void open_createsTagAndPrivatePermissions() throws IOException {
        BlobRef ref = store.putBytes(new byte[] {1});
        Path root = store.root();
        assertThat(Files.readString(root.resolve("CACHEDIR.TAG")))
                .startsWith("Signature: 8a477f597d28d172789f06886806bc55");
        Path cas = root.resolve("v1/cas");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cas)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(blobPath(ref))))
                .isEqualTo("rw-------");
    }

    @Test
    void open_regularFile_failsClearly() throws IOException {
        Path file = Files.writeString(dir.resolve("afile"), "x");
        assertThatThrownBy(() -> LocalStore.open(file, new TestClock()))
                .isInstanceOf(IOException.class).hasMessageContaining("not a directory");
    }

    @Test
    void open_readOnlyDirectory_failsClearly() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeFalse(
                "root".equals(System.getProperty("user.name")), "root may write anywhere");
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-x------"));
        assertThatThrownBy(() -> LocalStore.open(ro.resolve("cache"), new TestClock()))
                .isInstanceOf(IOException.class).hasMessageContaining("cache directory");
    }

    @Test
    void fileSystemNow_isNotBeforeAFileWrittenEarlier() throws IOException {
        Path f = Files.writeString(dir.resolve("before"), "x");
        long before = Files.getLastModifiedTime(f).to(java.util.concurrent.TimeUnit.NANOSECONDS);
        assertThat(store.fileSystemNow()).isGreaterThanOrEqualTo(before);
    }

    private Path blobPath(BlobRef ref) {
        String hex = ref.digest().hex();
        return store.root().resolve("v1/cas").resolve(hex.substring(0, 2)).resolve(hex);
    }

    private java.util.List<Path> blobFiles() throws IOException {
        try (Stream<Path> s = Files.walk(store.root().resolve("v1/cas"))) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    static void flipByte(Path p, long pos) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.seek(pos);
            int b = f.read();
            f.seek(pos);
            f.write(b ^ 0x40);
        }
    }

    static void truncate(Path p, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
        }
    }
}
