package dev.casher.internal.lookup;

import dev.casher.internal.util.FileStat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads the current state of input paths and checks recorded states against the file system,
 * through the stat fast path of a {@link FileDigester}. Thread-safe.
 */
public final class InputStates {
    private final FileDigester digester;

    public InputStates(FileDigester digester) {
        this.digester = digester;
    }

    /** The digester behind this reader. */
    public FileDigester digester() {
        return digester;
    }

    /** The current state of {@code path} for what the call observed of it. */
    public InputState current(Path path, Observation observation) throws IOException {
        FileStat st = FileStat.of(path);
        if (st == null) {
            return InputState.Absent.INSTANCE;
        }
        if (st.isRegularFile()) {
            // Even a bare existence check keys a regular file by content: a call that stats a
            // file usually goes on to depend on its size or content, and over-invalidating is safe.
            return new InputState.FileContent(digester.digest(path, st), st.size());
        }
        if (st.isDirectory()) {
            return observation == Observation.LISTING
                    ? new InputState.DirListing(digester.listingDigest(path, st))
                    : new InputState.Present(InputState.FileType.DIRECTORY);
        }
        return new InputState.Present(InputState.FileType.OTHER);
    }

    /** Whether {@code expected} still holds at {@code path}; any I/O failure means "no". */
    public boolean holds(String path, InputState expected) {
        try {
            FileStat st = FileStat.of(Path.of(path));
            if (expected instanceof InputState.Absent) {
                return st == null;
            }
            if (st == null) {
                return false;
            }
            if (expected instanceof InputState.FileContent f) {
                return st.isRegularFile() && st.size() == f.size()
                        && digester.digest(Path.of(path), st).equals(f.digest());
            }
            if (expected instanceof InputState.DirListing d) {
                return st.isDirectory() && digester.listingDigest(Path.of(path), st).equals(d.digest());
            }
            InputState.Present p = (InputState.Present) expected;
            InputState.FileType type = st.isRegularFile() ? InputState.FileType.FILE
                    : st.isDirectory() ? InputState.FileType.DIRECTORY : InputState.FileType.OTHER;
            return p.type() == type;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The first path of {@code set} whose recorded state no longer holds, or {@code null}. */
    public String firstMismatch(InputSet set) {
        for (Map.Entry<String, InputState> e : set.states().entrySet()) {
            if (!holds(e.getKey(), e.getValue())) {
                return e.getKey();
            }
        }
        return null;
    }
}
