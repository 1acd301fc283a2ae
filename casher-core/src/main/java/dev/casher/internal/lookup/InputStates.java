package dev.casher.internal.lookup;

import dev.casher.internal.util.Digest;
import dev.casher.internal.util.FileStat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the current state of input paths and checks recorded states against the file system,
 * through the stat fast path of a {@link FileDigester}. Thread-safe.
 */
public final class InputStates {
    /** How {@link #firstMismatch} checks a large input set. */
    public enum Checking {
        /** In order, on the calling thread: what a warm, long-lived process wants. */
        SEQUENTIAL,
        /**
         * The second half on a helper thread meanwhile: a short-lived process checks a hundred
         * inputs in cold, interpreted code (~0.1 ms each), and the second core is otherwise idle.
         */
        PARALLEL
    }

    /** Sets smaller than this are always checked in order. */
    static final int PARALLEL_MIN = 32;

    private final FileDigester digester;
    private final Checking checking;

    public InputStates(FileDigester digester) {
        this(digester, Checking.SEQUENTIAL);
    }

    public InputStates(FileDigester digester, Checking checking) {
        this.digester = digester;
        this.checking = checking;
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
            Digest d = digester.digest(path, st);
            return new InputState.FileContent(d, st.size(), digester.trusts(path, st) ? st : null);
        }
        if (st.isDirectory()) {
            if (observation != Observation.LISTING) {
                return new InputState.Present(InputState.FileType.DIRECTORY);
            }
            Digest d = digester.listingDigest(path, st);
            return new InputState.DirListing(d, digester.trustsListing(path, st) ? st : null);
        }
        return new InputState.Present(InputState.FileType.OTHER);
    }

    /** Whether {@code expected} still holds at {@code path}; any I/O failure means "no". */
    public boolean holds(String path, InputState expected) {
        try {
            if (expected instanceof InputState.Absent) {
                return FileStat.absent(Path.of(path));
            }
            FileStat st = FileStat.of(Path.of(path));
            if (st == null) {
                return false;
            }
            // The same stat as when the recorded digest was trusted: unchanged, without even
            // loading the stat cache (the steady state of a command-line hit).
            if (expected instanceof InputState.FileContent f) {
                return st.isRegularFile() && st.size() == f.size() && (st.equals(f.seen())
                        || digester.digest(Path.of(path), st).equals(f.digest()));
            }
            if (expected instanceof InputState.DirListing d) {
                return st.isDirectory() && (st.equals(d.seen())
                        || digester.listingDigest(Path.of(path), st).equals(d.digest()));
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
        List<Map.Entry<String, InputState>> all = new ArrayList<>(set.states().entrySet());
        if (checking == Checking.SEQUENTIAL || all.size() < PARALLEL_MIN) {
            return firstMismatch(all, 0, all.size());
        }
        int half = all.size() / 2;
        String[] tail = new String[1];
        Thread helper = new Thread(new Runnable() { // not a lambda: a command-line hit runs this
            @Override
            public void run() {
                tail[0] = firstMismatch(all, half, all.size());
            }
        }, "casher-inputs");
        helper.setDaemon(true);
        helper.start();
        String head = firstMismatch(all, 0, half);
        try {
            helper.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return all.get(half).getKey(); // unknown: a mismatch is the safe answer
        }
        return head != null ? head : tail[0]; // join() publishes tail[0]
    }

    private String firstMismatch(List<Map.Entry<String, InputState>> all, int from, int to) {
        for (int i = from; i < to; i++) {
            Map.Entry<String, InputState> e = all.get(i);
            if (!holds(e.getKey(), e.getValue())) {
                return e.getKey();
            }
        }
        return null;
    }
}
