package dev.casher.internal.lookup;

import dev.casher.internal.util.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Digests of directory listings: the sorted entry names. */
public final class DirListings {
    private DirListings() {}

    /** The sorted entry names of {@code dir}. Types are left out so that a listing can be rebuilt from names alone. */
    public static List<String> entries(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                names.add(p.getFileName().toString());
            }
        }
        Collections.sort(names);
        return names;
    }

    /** The digest of {@link #entries}, one name per line. */
    public static Digest digest(Path dir) throws IOException {
        return digest(entries(dir));
    }

    /** The digest of sorted {@code names}, one per line. */
    public static Digest digest(Iterable<String> names) {
        MessageDigest md = Digest.lightSha256();
        for (String e : names) {
            md.update(e.getBytes(StandardCharsets.UTF_8));
            md.update((byte) '\n');
        }
        return Digest.finish(md);
    }
}
