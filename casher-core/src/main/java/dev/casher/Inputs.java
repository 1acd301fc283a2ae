package dev.casher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Helpers to declare inputs. */
public final class Inputs {
    private Inputs() {}

    /**
     * A directory input: the directory itself (its listing is an input, so a new or removed file
     * invalidates) followed by its files matching {@code glob} (their contents are inputs).
     * Not recursive; use {@code **}-free globs such as {@code *.csv}. A missing directory is
     * returned alone: its absence is the input, and if it appears the call runs again.
     */
    public static List<Path> dir(Path dir, String glob) {
        List<Path> out = new ArrayList<>();
        out.add(dir);
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list input directory " + dir, e);
        }
        out.subList(1, out.size()).sort(null);
        return out;
    }
}
