package dev.casher.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real, nearly full file system for disk-full tests: a 2 MB tmpfs mounted at a directory
 * (root only; the test is skipped where mounting is not allowed), filled to leave
 * {@code freeBytes}, unmounted on close.
 */
final class SmallDisk implements AutoCloseable {
    final Path root;

    private SmallDisk(Path root) {
        this.root = root;
    }

    static SmallDisk mount(Path dir, long freeBytes) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        assumeTrue(mount.waitFor() == 0, "cannot mount a small tmpfs here");
        SmallDisk d = new SmallDisk(dir);
        long free = Files.getFileStore(dir).getUsableSpace();
        Files.write(dir.resolve("fill"), new byte[(int) Math.max(0, free - freeBytes)]);
        return d;
    }

    @Override
    public void close() throws IOException {
        try {
            new ProcessBuilder("umount", "-l", root.toString()).start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
