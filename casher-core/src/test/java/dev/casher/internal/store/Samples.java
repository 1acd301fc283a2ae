package dev.casher.internal.store;

import dev.casher.internal.lookup.InputSet;
import dev.casher.internal.lookup.InputState;
import dev.casher.internal.record.StreamTag;
import dev.casher.internal.util.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sample values for store tests. */
final class Samples {
    private Samples() {
    }

    /** An entry using every field and every output kind, with its blobs stored in {@code s}. */
    static Entry fullEntry(CacheStore s) throws IOException {
        BlobRef streams = s.putBytes("hello\nerr\n".getBytes(StandardCharsets.UTF_8));
        BlobRef value = s.putBytes(new byte[] {1, 2, 3});
        BlobRef file = s.putBytes("content".getBytes(StandardCharsets.UTF_8));
        return new Entry(1_700_000_000_000L, 123_456_789L,
                List.of(new Output.File("/work/out/a.txt", file, 0644),
                        new Output.Directory("/work/out/dir", 0755),
                        new Output.Symlink("/work/out/link", "../a.txt"),
                        new Output.Deleted("/work/out/gone")),
                streams,
                List.of(new Entry.Chunk(StreamTag.STDOUT, 6), new Entry.Chunk(StreamTag.STDERR, 4)),
                new Entry.EncodedValue("serializable", value, List.of("java.lang.String", "x.Y")),
                3, Map.of("code", "abc", "arg.0", "42", "ünïcode", "✓"));
    }

    /** An entry with one output file holding {@code data}. */
    static Entry fileEntry(CacheStore s, String path, byte[] data) throws IOException {
        BlobRef b = s.putBytes(data);
        return new Entry(0, 1, List.of(new Output.File(path, b, 0600)), null, List.of(), null, 0,
                Map.of());
    }

    /** An input set using every input state kind. */
    static InputSet inputs(int n) {
        Map<String, InputState> m = new LinkedHashMap<>();
        m.put("/src/file" + n, new InputState.FileContent(Digest.ofString("f" + n), 10 + n));
        m.put("/src/absent", InputState.Absent.INSTANCE);
        m.put("/src/dir", new InputState.DirListing(Digest.ofString("d")));
        m.put("/src/present", new InputState.Present(InputState.FileType.DIRECTORY));
        return new InputSet(m);
    }

    static Digest key(String name) {
        return Digest.ofString("key:" + name);
    }
}
