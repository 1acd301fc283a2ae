package dev.casher.internal.store;

import dev.casher.internal.util.Digest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Whole-cache walks for the CLI: listing entries and manifests ({@code ls}, {@code show}) and
 * verifying every checksum and reference ({@code gc --verify}). Their cost grows with the cache;
 * none of them is on the call path. Not thread-safe; one per walk.
 */
final class StoreInspector {
    private final LocalStore store;
    private final CacheLayout layout;

    StoreInspector(LocalStore store, CacheLayout layout) {
        this.store = store;
        this.layout = layout;
    }

    List<EntryInfo> entries() throws IOException {
        List<EntryInfo> out = new ArrayList<>();
        for (FileTrees.Found f : FileTrees.list(layout.ac)) {
            Digest id = id(f.path(), CacheLayout.ENTRY_SUFFIX);
            if (id == null) {
                continue;
            }
            try {
                Entry e = store.readEntry(id);
                if (e != null) {
                    long bytes = f.size();
                    for (BlobRef b : EntryCodec.blobs(e)) {
                        bytes += b.size();
                    }
                    out.add(new EntryInfo(id, bytes, f.mtime().toInstant(), e.createdAtMillis()));
                }
            } catch (CorruptCacheException e) {
                // damaged: verify reports it
            }
        }
        return out;
    }

    List<ManifestInfo> manifests() throws IOException {
        List<ManifestInfo> out = new ArrayList<>();
        for (FileTrees.Found f : FileTrees.list(layout.ac)) {
            Digest key = id(f.path(), CacheLayout.MANIFEST_SUFFIX);
            if (key == null) {
                continue;
            }
            try {
                Manifest m = store.readManifest(key);
                if (!m.candidates().isEmpty()) {
                    out.add(new ManifestInfo(key, m, f.size(), f.mtime().toInstant()));
                }
            } catch (CorruptCacheException e) {
                // damaged: verify reports it
            }
        }
        return out;
    }

    VerifyReport verify(VerifyMode mode) throws IOException {
        List<String> problems = new ArrayList<>();
        int removed = 0;
        Map<Digest, BlobRef> blobs = new HashMap<>();
        List<FileTrees.Found> blobFiles = FileTrees.list(layout.cas);
        for (FileTrees.Found f : blobFiles) {
            Digest name = id(f.path(), "");
            BlobRef actual = name == null ? null : hash(f.path());
            if (actual == null || !actual.digest().equals(name)) {
                problems.add("damaged blob " + f.path());
                removed += remove(mode, f.path());
            } else {
                blobs.put(name, actual);
            }
        }
        Set<Digest> entries = new HashSet<>();
        List<Path> manifestFiles = new ArrayList<>();
        int entriesChecked = 0;
        for (FileTrees.Found f : FileTrees.list(layout.ac)) {
            Digest id = id(f.path(), CacheLayout.ENTRY_SUFFIX);
            if (id == null) {
                if (id(f.path(), CacheLayout.MANIFEST_SUFFIX) != null) {
                    manifestFiles.add(f.path());
                }
                continue;
            }
            entriesChecked++;
            String problem = checkEntry(id, blobs);
            if (problem == null) {
                entries.add(id);
            } else {
                problems.add(problem);
                store.forgetEntry(id);
                removed += remove(mode, f.path());
            }
        }
        for (Path p : manifestFiles) {
            removed += checkManifest(p, entries, mode, problems);
        }
        for (Path p : FileTrees.nonRegular(layout.base)) {
            problems.add(RegularFiles.notRegular(p).getMessage());
            removed += remove(mode, p);
        }
        return new VerifyReport(blobFiles.size(), entriesChecked, manifestFiles.size(), problems,
                removed);
    }

    private String checkEntry(Digest id, Map<Digest, BlobRef> blobs) throws IOException {
        try {
            Entry e = store.loadEntry(id);
            if (e == null) {
                return "entry " + id.shortHex(12) + " vanished during the walk";
            }
            for (BlobRef b : EntryCodec.blobs(e)) {
                if (!b.equals(blobs.get(b.digest()))) {
                    return "entry " + id.shortHex(12) + " references a missing or different blob "
                            + b.digest().shortHex(12);
                }
            }
            return null;
        } catch (CorruptCacheException e) {
            return e.getMessage();
        }
    }

    private int checkManifest(Path p, Set<Digest> entries, VerifyMode mode,
            List<String> problems) throws IOException {
        Digest key = id(p, CacheLayout.MANIFEST_SUFFIX);
        Manifest m;
        try {
            m = store.loadManifest(key);
        } catch (CorruptCacheException e) {
            problems.add(e.getMessage());
            return remove(mode, p);
        }
        int removed = 0;
        for (Manifest.Candidate c : m.candidates()) {
            if (!entries.contains(c.entry())) {
                problems.add("manifest " + key.shortHex(12) + " names missing entry "
                        + c.entry().shortHex(12));
                if (mode == VerifyMode.REPAIR) {
                    store.removeCandidate(key, c.entry());
                    removed++;
                }
            }
        }
        return removed;
    }

    private static int remove(VerifyMode mode, Path p) throws IOException {
        return mode == VerifyMode.REPAIR && Files.deleteIfExists(p) ? 1 : 0;
    }

    /** The digest a store file's name gives ({@code HEX + suffix}), or {@code null}. */
    static Digest id(Path p, String suffix) {
        String name = p.getFileName().toString();
        if (name.length() != 2 * Digest.LENGTH + suffix.length() || !name.endsWith(suffix)) {
            return null;
        }
        try {
            return Digest.parse(name.substring(0, 2 * Digest.LENGTH));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static BlobRef hash(Path p) throws IOException {
        MessageDigest md = Digest.sha256();
        CRC32C crc = new CRC32C();
        long size = 0;
        RegularFiles.require(p);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
            for (int n; (n = ch.read(buf)) >= 0; ) {
                size += n;
                buf.flip();
                md.update(buf.duplicate());
                crc.update(buf);
                buf.clear();
            }
        }
        return new BlobRef(Digest.finish(md), size, (int) crc.getValue());
    }
}
