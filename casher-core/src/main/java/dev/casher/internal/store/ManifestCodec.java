package dev.casher.internal.store;

import dev.casher.internal.lookup.InputSet;
import dev.casher.internal.lookup.InputState;
import dev.casher.internal.util.Digest;
import dev.casher.internal.util.FileStat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary encoding of a {@link Manifest}. The file names its action key inside too, so a
 * manifest copied or renamed to another key's name is rejected.
 *
 * <pre>
 * manifest  = "CSHM":u32 version:u16=2 body crc32c:u32
 * body      = actionKey:32 ncandidates:u32 candidate*           ; newest first, at most 16
 * candidate = entry:32 ninputs:u32 input*                      ; inputs sorted by path
 * input     = path:str state
 * state     = 'F':u8 sha256:32 size:i64 seen                     ; file content
 *           | 'A':u8                                             ; absent
 *           | 'D':u8 sha256:32 seen                              ; directory listing
 *           | 'P':u8 type:u8 (0 = file, 1 = directory, 2 = other) ; present
 * seen      = 0:u8                                               ; no stat hint
 *           | 1:u8 size:i64 mtimeNs:i64 ctimeNs:i64 inode:i64 device:i64 mode:i32
 * </pre>
 *
 * {@code seen} is the stat under which the digest was trusted ({@link InputState.FileContent}):
 * a lookup that finds it unchanged is done with that input without the stat cache. Version 1
 * (no {@code seen} fields) is still read. Input paths must be absolute and normalised.
 * Stateless and thread-safe.
 */
final class ManifestCodec {
    static final int MAGIC = 0x4353484d; // "CSHM"
    static final int VERSION = 2;
    private static final int OLDEST_READ = 1;
    private static final InputState.FileType[] TYPES = InputState.FileType.values();

    private ManifestCodec() {
    }

    /** The encoding of {@code m} for {@code actionKey}. */
    static byte[] encode(Digest actionKey, Manifest m) {
        BinaryFormat.Writer w = new BinaryFormat.Writer();
        w.digest(actionKey).i32(m.candidates().size());
        for (Manifest.Candidate c : m.candidates()) {
            w.digest(c.entry()).i32(c.inputs().size());
            for (Map.Entry<String, InputState> e : c.inputs().states().entrySet()) {
                w.str(StorePaths.requireNormalAbsolute(e.getKey(), "input path"));
                state(w, e.getValue());
            }
        }
        return BinaryFormat.frame(MAGIC, VERSION, w.toByteArray());
    }

    /** Decodes and verifies the manifest file of {@code actionKey}. */
    static Manifest decode(byte[] file, Digest actionKey) throws CorruptCacheException {
        BinaryFormat.Reader r = BinaryFormat.unframe(file, MAGIC, OLDEST_READ, VERSION,
                "manifest " + actionKey.shortHex(12));
        if (!r.digest().equals(actionKey)) {
            throw r.corrupt("written for another action key");
        }
        int n = r.count(36);
        if (n > Manifest.MAX_CANDIDATES) {
            throw r.corrupt(n + " candidates, more than " + Manifest.MAX_CANDIDATES);
        }
        List<Manifest.Candidate> cs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Digest entry = r.digest();
            int k = r.count(5);
            Map<String, InputState> states = new LinkedHashMap<>();
            for (int j = 0; j < k; j++) {
                String path = r.str();
                if (!StorePaths.isNormalAbsolute(path)) {
                    throw r.corrupt("input path is not absolute and normalised: '" + path + "'");
                }
                states.put(path, state(r));
            }
            cs.add(new Manifest.Candidate(new InputSet(states), entry));
        }
        r.end();
        return new Manifest(cs);
    }

    private static void state(BinaryFormat.Writer w, InputState s) {
        if (s instanceof InputState.FileContent f) {
            seen(w.u8('F').digest(f.digest()).i64(f.size()), f.seen());
        } else if (s instanceof InputState.Absent) {
            w.u8('A');
        } else if (s instanceof InputState.DirListing d) {
            seen(w.u8('D').digest(d.digest()), d.seen());
        } else if (s instanceof InputState.Present p) {
            w.u8('P').u8(p.type().ordinal());
        } else {
            throw new IllegalArgumentException("unknown input state " + s);
        }
    }

    private static void seen(BinaryFormat.Writer w, FileStat seen) {
        if (seen == null) {
            w.u8(0);
        } else {
            w.u8(1).stat(seen);
        }
    }

    private static FileStat seen(BinaryFormat.Reader r) throws CorruptCacheException {
        if (r.version() < 2) {
            return null;
        }
        int flag = r.u8();
        if (flag > 1) {
            throw r.corrupt("bad stat hint flag " + flag);
        }
        return flag == 0 ? null : r.stat();
    }

    private static InputState state(BinaryFormat.Reader r) throws CorruptCacheException {
        int tag = r.u8();
        switch (tag) {
            case 'F': {
                Digest d = r.digest();
                long size = r.i64();
                if (size < 0) {
                    throw r.corrupt("negative file size");
                }
                return new InputState.FileContent(d, size, seen(r));
            }
            case 'A':
                return InputState.Absent.INSTANCE;
            case 'D': {
                Digest d = r.digest();
                return new InputState.DirListing(d, seen(r));
            }
            case 'P': {
                int t = r.u8();
                if (t >= TYPES.length) {
                    throw r.corrupt("bad file type " + t);
                }
                return new InputState.Present(TYPES[t]);
            }
            default:
                throw r.corrupt("bad input state tag " + tag);
        }
    }
}
