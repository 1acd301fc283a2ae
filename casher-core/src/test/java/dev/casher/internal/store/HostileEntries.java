package dev.casher.internal.store;

import dev.casher.internal.util.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Hand-crafts cache contents an attacker with write access to a shared cache directory could
 * plant, bypassing the checks of the store's writers: entries are encoded by {@link EntryCodec}
 * with placeholder paths, the placeholders replaced by the hostile bytes and the frame checksum
 * and entry id recomputed, exactly as a valid file would have them. For the reliability suites.
 */
public final class HostileEntries {
    private HostileEntries() {}

    /** The recorded run of a cache holding exactly one manifest: its action key and candidate. */
    public record Recorded(Digest actionKey, Manifest.Candidate candidate, Entry entry) {}

    /** The single recorded run of {@code cacheDir}. */
    public static Recorded single(Path cacheDir) throws IOException {
        try (LocalStore store = LocalStore.open(cacheDir, Clock.systemUTC())) {
            List<ManifestInfo> ms = store.manifests();
            if (ms.size() != 1) {
                throw new IllegalStateException("expected one manifest, found " + ms.size());
            }
            Digest key = ms.get(0).actionKey();
            Manifest.Candidate c = ms.get(0).manifest().candidates().get(0);
            return new Recorded(key, c, store.loadEntry(c.entry()));
        }
    }

    /** Stores {@code bytes} as a blob of {@code cacheDir}. */
    public static BlobRef blob(Path cacheDir, byte[] bytes) throws IOException {
        try (LocalStore store = LocalStore.open(cacheDir, Clock.systemUTC())) {
            return store.putBytes(bytes);
        }
    }

    /**
     * Writes {@code entry}, whose output paths may be anything (encoded as given, with a valid
     * checksum and id), and makes it the only candidate of the recorded run's manifest.
     * Returns the id of the planted entry.
     */
    public static Digest plant(Path cacheDir, Recorded run, Entry entry) throws IOException {
        List<String> hostile = new ArrayList<>();
        List<Output> placeholders = new ArrayList<>();
        for (Output o : entry.outputs()) {
            String ph = placeholder(o.path(), hostile.size());
            hostile.add(o.path());
            placeholders.add(withPath(o, ph));
        }
        Entry safe = new Entry(entry.createdAtMillis(), entry.durationNanos(), placeholders,
                entry.streams(),
                entry.chunks(), entry.value(), entry.exitStatus(), entry.metadata());
        byte[] file = EntryCodec.encode(safe);
        byte[] body = Arrays.copyOfRange(file, 6, file.length - 4);
        for (int i = 0; i < hostile.size(); i++) {
            replace(body, placeholders.get(i).path(), hostile.get(i));
        }
        byte[] framed = BinaryFormat.frame(EntryCodec.MAGIC, EntryCodec.VERSION, body);
        Digest id = Digest.ofBytes(framed);
        CacheLayout layout = CacheLayout.create(cacheDir);
        Files.createDirectories(layout.entry(id).getParent());
        Files.write(layout.entry(id), framed);
        Manifest m = new Manifest(List.of(new Manifest.Candidate(run.candidate().inputs(), id)));
        Files.write(layout.manifest(run.actionKey()), ManifestCodec.encode(run.actionKey(), m));
        return id;
    }

    /** Every file and directory under {@code cacheDir}. */
    public static List<Path> all(Path cacheDir) throws IOException {
        try (Stream<Path> s = Files.walk(cacheDir)) {
            return s.toList();
        }
    }

    private static String placeholder(String path, int i) {
        int len = path.getBytes(StandardCharsets.UTF_8).length;
        String head = "/" + (char) ('a' + i);
        if (len < head.length()) {
            throw new IllegalArgumentException("path too short to plant: " + path);
        }
        return head + "q".repeat(len - head.length());
    }

    private static Output withPath(Output o, String p) {
        if (o instanceof Output.File f) {
            return new Output.File(p, f.blob(), f.mode());
        } else if (o instanceof Output.Directory d) {
            return new Output.Directory(p, d.mode());
        } else if (o instanceof Output.Symlink l) {
            return new Output.Symlink(p, l.target());
        }
        return new Output.Deleted(p);
    }

    private static void replace(byte[] body, String from, String to) {
        byte[] f = from.getBytes(StandardCharsets.UTF_8);
        byte[] t = to.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + f.length <= body.length; i++) {
            if (Arrays.equals(body, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(t, 0, body, i, t.length);
                return;
            }
        }
        throw new IllegalStateException("placeholder not found: " + from);
    }

    /** Applies {@code change} to the recorded entry and plants the result. */
    public static Digest plantChanged(Path cacheDir, Recorded run,
            UnaryOperator<Entry> change) throws IOException {
        return plant(cacheDir, run, change.apply(run.entry()));
    }
}
