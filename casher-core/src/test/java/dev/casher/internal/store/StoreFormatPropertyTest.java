package dev.casher.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casher.internal.util.Digest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Parsers fed arbitrary well-framed bodies return a value or say "corrupt", nothing else. */
class StoreFormatPropertyTest {
    private static final byte[] ENTRY_BODY = body(EntryCodec.encode(new Entry(1, 2,
            List.of(new Output.File("/a/b", new BlobRef(Digest.ofString("x"), 3, 7), 0644),
                    new Output.Symlink("/a/l", "t"), new Output.Deleted("/a/d")),
            null, List.of(), null, 0, Map.of("k", "v"))));
    private static final byte[] MANIFEST_BODY = body(ManifestCodec.encode(Samples.key("p"),
            new Manifest(List.of(new Manifest.Candidate(Samples.inputs(1),
                    Digest.ofString("e"))))));

    @Property(tries = 400)
    void entryDecode_mutatedBody_isValueOrCorrupt(@ForAll @IntRange(min = 0, max = 400) int pos,
            @ForAll byte value, @ForAll @IntRange(min = 0, max = 400) int cut) {
        byte[] b = mutate(ENTRY_BODY, pos, value, cut);
        byte[] file = BinaryFormat.frame(EntryCodec.MAGIC, EntryCodec.VERSION, b);
        assertThat(outcome(() -> EntryCodec.decode(file, Digest.ofBytes(file)))).isTrue();
    }

    @Property(tries = 400)
    void manifestDecode_mutatedBody_isValueOrCorrupt(@ForAll @IntRange(min = 0, max = 400) int pos,
            @ForAll byte value, @ForAll @IntRange(min = 0, max = 400) int cut) {
        byte[] b = mutate(MANIFEST_BODY, pos, value, cut);
        byte[] file = BinaryFormat.frame(ManifestCodec.MAGIC, ManifestCodec.VERSION, b);
        assertThat(outcome(() -> ManifestCodec.decode(file, Samples.key("p")))).isTrue();
    }

    interface Decode {
        Object run() throws CorruptCacheException;
    }

    private static boolean outcome(Decode d) {
        try {
            return d.run() != null;
        } catch (CorruptCacheException e) {
            return true;
        }
    }

    private static byte[] mutate(byte[] body, int pos, byte value, int cut) {
        byte[] b = body.clone();
        b[pos % b.length] = value;
        return Arrays.copyOf(b, b.length - (cut % b.length));
    }

    private static byte[] body(byte[] file) {
        return Arrays.copyOfRange(file, 6, file.length - 4);
    }
}
