package dev.casher.internal.call;

import dev.casher.internal.store.BlobRef;
import dev.casher.internal.util.Digest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-method code digests of a run, kept as one blob that the entry's metadata references
 * ({@code code.blob = HEX:SIZE:CRC32C}), so {@code explain} can say which method changed.
 *
 * <pre>
 * blob = "casher-code/1\n" (key "\t" value "\n")*     sorted by key; keys and values have no tab or newline
 * </pre>
 */
public final class CodeMetadata {
    /** The metadata key holding the blob reference. */
    public static final String KEY = "code.blob";
    private static final String MAGIC = "casher-code/1\n";

    private CodeMetadata() {}

    static byte[] encode(Map<String, String> code) {
        StringBuilder sb = new StringBuilder(MAGIC);
        new TreeMap<>(code).forEach((k, v) -> sb.append(clean(k)).append('\t').append(clean(v)).append('\n'));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Decodes a blob written by {@link #encode}; an empty map if it is not one. */
    public static Map<String, String> decode(byte[] blob) {
        String text = new String(blob, StandardCharsets.UTF_8);
        Map<String, String> out = new TreeMap<>();
        if (!text.startsWith(MAGIC)) {
            return out;
        }
        for (String line : text.substring(MAGIC.length()).split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                out.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return out;
    }

    static String reference(BlobRef ref) {
        return ref.digest().hex() + ":" + ref.size() + ":" + Integer.toUnsignedString(ref.crc32c());
    }

    /** The blob a metadata value written by {@link #reference} names, or {@code null}. */
    public static BlobRef parseReference(String value) {
        if (value == null) {
            return null;
        }
        String[] p = value.split(":");
        try {
            return new BlobRef(Digest.parse(p[0]), Long.parseLong(p[1]), Integer.parseUnsignedInt(p[2]));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ');
    }
}
