package dev.casher.internal.store;

import dev.casher.internal.record.StreamTag;
import dev.casher.internal.util.Digest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The binary encoding of an {@link Entry}; the entry's id is the SHA-256 of the whole file.
 *
 * <pre>
 * entry    = "CSHE":u32 version:u16=1 body crc32c:u32
 * body     = createdAtMillis:i64 durationNanos:i64 exitStatus:i32
 *            streams:optblob nchunks:u32 chunk* value:optvalue
 *            noutputs:u32 output* nmeta:u32 (key:str val:str)*   ; meta sorted by key
 * chunk    = stream:u8 (0 = stdout, 1 = stderr) length:i64 (> 0)
 * optvalue = 0:u8 | 1:u8 codec:str blob nallowed:u32 class:str*
 * output   = 'F':u8 path:str blob mode:i32
 *          | 'D':u8 path:str mode:i32
 *          | 'L':u8 path:str target:str
 *          | 'X':u8 path:str                                      ; deleted
 * optblob  = 0:u8 | 1:u8 blob
 * blob     = sha256:32 size:i64 crc32c:i32
 * </pre>
 *
 * Output paths must be absolute and normalised ({@link StorePaths}); the writer refuses others
 * and the reader treats them as corruption. Encoding is deterministic, so equal entries have
 * equal ids. Stateless and thread-safe.
 */
final class EntryCodec {
    static final int MAGIC = 0x43534845; // "CSHE"
    static final int VERSION = 1;

    private EntryCodec() {
    }

    /** The encoding of {@code e}; {@link IllegalArgumentException} on a non-normalised path. */
    static byte[] encode(Entry e) {
        BinaryFormat.Writer w = new BinaryFormat.Writer();
        w.i64(e.createdAtMillis()).i64(e.durationNanos()).i32(e.exitStatus());
        optBlob(w, e.streams());
        w.i32(e.chunks().size());
        for (Entry.Chunk c : e.chunks()) {
            w.u8(c.stream() == StreamTag.STDOUT ? 0 : 1).i64(c.length());
        }
        if (e.value() == null) {
            w.u8(0);
        } else {
            w.u8(1).str(e.value().codec());
            blob(w, e.value().blob());
            w.i32(e.value().allowedClasses().size());
            e.value().allowedClasses().forEach(w::str);
        }
        w.i32(e.outputs().size());
        for (Output o : e.outputs()) {
            output(w, o);
        }
        Map<String, String> meta = new TreeMap<>(e.metadata());
        w.i32(meta.size());
        meta.forEach((k, v) -> w.str(k).str(v));
        return BinaryFormat.frame(MAGIC, VERSION, w.toByteArray());
    }

    /** Decodes and verifies the file of entry {@code id} (checksum and id). */
    static Entry decode(byte[] file, Digest id) throws CorruptCacheException {
        String what = "entry " + id.shortHex(12);
        BinaryFormat.Reader r = BinaryFormat.unframe(file, MAGIC, VERSION, what);
        if (!Digest.ofBytes(file).equals(id)) {
            throw new CorruptCacheException(what + ": content does not match its id");
        }
        try {
            return read(r);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw r.corrupt(e.getMessage());
        }
    }

    private static Entry read(BinaryFormat.Reader r) throws CorruptCacheException {
        long created = r.i64();
        long duration = r.i64();
        int exit = r.i32();
        BlobRef streams = r.u8() == 0 ? null : blob(r);
        int nchunks = r.count(9);
        List<Entry.Chunk> chunks = new ArrayList<>(nchunks);
        for (int i = 0; i < nchunks; i++) {
            int tag = r.u8();
            if (tag > 1) {
                throw r.corrupt("bad stream tag " + tag);
            }
            chunks.add(new Entry.Chunk(tag == 0 ? StreamTag.STDOUT : StreamTag.STDERR, r.i64()));
        }
        Entry.EncodedValue value = null;
        if (r.u8() != 0) {
            String codec = r.str();
            BlobRef b = blob(r);
            int n = r.count(4);
            List<String> allowed = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                allowed.add(r.str());
            }
            value = new Entry.EncodedValue(codec, b, allowed);
        }
        int nout = r.count(5);
        List<Output> outputs = new ArrayList<>(nout);
        for (int i = 0; i < nout; i++) {
            outputs.add(output(r));
        }
        int nmeta = r.count(8);
        Map<String, String> meta = new TreeMap<>();
        for (int i = 0; i < nmeta; i++) {
            meta.put(r.str(), r.str());
        }
        r.end();
        return new Entry(created, duration, outputs, streams, chunks, value, exit, meta);
    }

    private static void output(BinaryFormat.Writer w, Output o) {
        String path = StorePaths.requireNormalAbsolute(o.path(), "output path");
        if (o instanceof Output.File f) {
            w.u8('F').str(path);
            blob(w, f.blob());
            w.i32(f.mode());
        } else if (o instanceof Output.Directory d) {
            w.u8('D').str(path).i32(d.mode());
        } else if (o instanceof Output.Symlink l) {
            w.u8('L').str(path).str(l.target());
        } else {
            w.u8('X').str(path);
        }
    }

    private static Output output(BinaryFormat.Reader r) throws CorruptCacheException {
        int tag = r.u8();
        String path = r.str();
        if (!StorePaths.isNormalAbsolute(path)) {
            throw r.corrupt("output path is not absolute and normalised: '" + path + "'");
        }
        switch (tag) {
            case 'F':
                return new Output.File(path, blob(r), r.i32());
            case 'D':
                return new Output.Directory(path, r.i32());
            case 'L':
                return new Output.Symlink(path, r.str());
            case 'X':
                return new Output.Deleted(path);
            default:
                throw r.corrupt("bad output tag " + tag);
        }
    }

    private static void optBlob(BinaryFormat.Writer w, BlobRef b) {
        if (b == null) {
            w.u8(0);
        } else {
            blob(w.u8(1), b);
        }
    }

    static void blob(BinaryFormat.Writer w, BlobRef b) {
        w.digest(b.digest()).i64(b.size()).i32(b.crc32c());
    }

    static BlobRef blob(BinaryFormat.Reader r) throws CorruptCacheException {
        return new BlobRef(r.digest(), r.i64(), r.i32());
    }

    /** Every blob {@code e} references (streams, return value, file outputs), without repeats. */
    static List<BlobRef> blobs(Entry e) {
        // A set, not a stream: this runs on every hit (LRU marks), streams cost start-up time.
        Set<BlobRef> out = new LinkedHashSet<>();
        if (e.streams() != null) {
            out.add(e.streams());
        }
        if (e.value() != null) {
            out.add(e.value().blob());
        }
        for (Output o : e.outputs()) {
            if (o instanceof Output.File f) {
                out.add(f.blob());
            }
        }
        return List.copyOf(out);
    }
}
