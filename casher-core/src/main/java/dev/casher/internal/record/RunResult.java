package dev.casher.internal.record;

import dev.casher.internal.lookup.DirListings;
import dev.casher.internal.lookup.InputSet;
import dev.casher.internal.lookup.InputState;
import dev.casher.internal.lookup.InputStates;
import dev.casher.internal.lookup.Observation;
import dev.casher.internal.store.CacheStore;
import dev.casher.internal.store.Output;
import dev.casher.internal.util.FileStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads what a finished run depended on and produced: the input set (pre-call states) and the
 * final states of its outputs, stored as blobs. Problems that make the run unsafe to store are
 * added to the reasons list rather than thrown.
 */
public final class RunResult {
    private RunResult() {}

    /**
     * The pre-call state of every input. Inputs the call did not change are read now, and must
     * not have changed since the call started (their ctime predates it); inputs it changed use the
     * state captured before the change. A listed directory whose entries the call added or removed
     * gets its pre-call listing rebuilt from the names the call changed.
     */
    public static InputSet inputs(Classification c, Recording.Snapshot snap, InputStates states,
            long startedAtNanos, List<String> reasons) {
        Map<String, InputState> set = new TreeMap<>();
        for (Map.Entry<Path, InputState> e : c.preStates().entrySet()) {
            set.put(e.getKey().toString(), e.getValue());
        }
        for (Map.Entry<Path, Observation> e : c.inputs().entrySet()) {
            Path p = e.getKey();
            try {
                FileStat st = FileStat.of(p);
                // A directory's ctime also moves when the call adds or removes entries in it:
                // that is no change to a directory only checked for existence, and a listing
                // rebuilds its pre-call state from the call's own changes below.
                boolean ownDirChange = st != null && st.isDirectory()
                        && (e.getValue() != Observation.LISTING || childChanged(p, snap));
                if (st != null && st.ctimeNanos() > startedAtNanos && !ownDirChange) {
                    reasons.add("input changed while the call ran: " + p);
                    continue;
                }
                InputState s = e.getValue() == Observation.LISTING && st != null && st.isDirectory()
                        && childChanged(p, snap)
                        ? listingBefore(p, snap)
                        : states.current(p, e.getValue());
                if (s != null) {
                    set.put(p.toString(), s);
                }
            } catch (IOException | RuntimeException ex) {
                reasons.add("cannot read input " + p + ": " + ex.getMessage());
            }
        }
        return new InputSet(set);
    }

    private static boolean childChanged(Path dir, Recording.Snapshot snap) {
        for (Map.Entry<Path, PathTrace> e : snap.paths().entrySet()) {
            if (dir.equals(e.getKey().getParent()) && e.getValue().mutated()) {
                return true;
            }
        }
        return false;
    }

    private static InputState listingBefore(Path dir, Recording.Snapshot snap) throws IOException {
        TreeSet<String> names = new TreeSet<>(DirListings.entries(dir));
        for (Map.Entry<Path, PathTrace> e : snap.paths().entrySet()) {
            Path child = e.getKey();
            PathTrace t = e.getValue();
            if (!dir.equals(child.getParent()) || !t.mutated()) {
                continue;
            }
            Boolean existed = existedBefore(t);
            if (existed == null) {
                // Whether the name was there before the call is unknown (a write-open that may
                // have created it), but a lookup compares this listing leaving out the names the
                // entry itself creates or deletes (OwnOutputs), so either answer matches the
                // same directories: take the one that leaves the listing as it is now.
                existed = FileStat.of(child, false) != null;
            }
            if (existed) {
                names.add(child.getFileName().toString());
            } else {
                names.remove(child.getFileName().toString());
            }
        }
        return new InputState.DirListing(DirListings.digest(names));
    }

    private static Boolean existedBefore(PathTrace t) {
        if (t.preState() != null) {
            return !(t.preState() instanceof InputState.Absent);
        }
        EventKind first = t.first();
        switch (first) {
            case CREATE, MKDIR, PROBE_MISSING:
                return false;
            case READ, STAT, EXEC, LIST_DIR, DELETE, RENAME_FROM:
                return true;
            default:
                return null;
        }
    }

    /** The final state of every output, with file contents stored as blobs. */
    public static List<Output> outputs(Classification c, CacheStore store, List<String> reasons) {
        List<Output> outs = new ArrayList<>();
        for (Path p : c.outputs()) {
            try {
                FileStat st = FileStat.of(p, false);
                String path = p.toString();
                if (st == null) {
                    outs.add(new Output.Deleted(path));
                } else if (st.isSymlink()) {
                    outs.add(new Output.Symlink(path, Files.readSymbolicLink(p).toString()));
                } else if (st.isDirectory()) {
                    outs.add(new Output.Directory(path, st.permissions()));
                } else if (st.isRegularFile()) {
                    outs.add(new Output.File(path, store.putFile(p), st.permissions()));
                } else {
                    reasons.add("output is neither a file, a directory nor a link: " + p);
                }
            } catch (IOException | RuntimeException ex) {
                reasons.add("cannot store output " + p + ": " + ex.getMessage());
            }
        }
        return outs;
    }
}
