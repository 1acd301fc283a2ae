package dev.casher.internal.call;

import dev.casher.internal.lookup.DirListings;
import dev.casher.internal.lookup.InputSet;
import dev.casher.internal.lookup.InputState;
import dev.casher.internal.lookup.InputStates;
import dev.casher.internal.store.Entry;
import dev.casher.internal.store.Output;
import dev.casher.internal.util.FileStat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A run's own outputs never invalidate it (DESIGN §2.5): a recorded input state that no longer
 * holds still matches when the present differs from it only by what the same entry restores,
 * since replaying the entry produces exactly the state its run left.
 *
 * <ul>
 *   <li>A path recorded by existence only (absent, or present with a type) that the entry writes:
 *   it matches when the path now holds exactly what the entry would restore (the same content, a
 *   directory, the same link target). An output someone else changed since holds something else,
 *   and misses. A path whose content the run read is never excused: its content is an input.
 *   <li>A listed directory: it matches when its entries, leaving out the names the entry itself
 *   creates or deletes in it, are the entries recorded (whether each such name existed before the
 *   run is tried both ways, for up to {@value #MAX_OWN_NAMES} names).
 * </ul>
 * Stateless and thread-safe.
 */
public final class OwnOutputs {
    /** Listed directories in which an entry changed more names than this are not excused. */
    static final int MAX_OWN_NAMES = 10;

    private OwnOutputs() {}

    /**
     * Whether a recorded state that does not hold might be excused by an output: the cheap test
     * made before the entry is read. Content the run read never is.
     */
    public static boolean excusable(InputState recorded) {
        return !(recorded instanceof InputState.FileContent);
    }

    /** Whether every recorded state of {@code inputs} holds, or is excused by {@code entry}'s outputs. */
    public static boolean matches(InputSet inputs, Entry entry, InputStates states) {
        Map<String, Output> byPath = null;
        for (Map.Entry<String, InputState> e : inputs.states().entrySet()) {
            if (states.holds(e.getKey(), e.getValue())) {
                continue;
            }
            if (byPath == null) {
                byPath = byPath(entry);
            }
            if (!excuses(e.getKey(), e.getValue(), byPath, states)) {
                return false;
            }
        }
        return true;
    }

    /** The paths of {@code inputs} whose recorded states neither hold nor are excused by {@code entry}. */
    public static List<String> unexplained(InputSet inputs, Entry entry, InputStates states) {
        List<String> out = new ArrayList<>();
        Map<String, Output> byPath = entry == null ? Map.of() : byPath(entry);
        for (Map.Entry<String, InputState> e : inputs.states().entrySet()) {
            if (!states.holds(e.getKey(), e.getValue())
                    && !excuses(e.getKey(), e.getValue(), byPath, states)) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    private static Map<String, Output> byPath(Entry entry) {
        Map<String, Output> m = new HashMap<>();
        for (Output o : entry.outputs()) {
            m.put(o.path(), o); // the last output of a path is its final state
        }
        return m;
    }

    private static boolean excuses(String path, InputState recorded, Map<String, Output> outputs,
            InputStates states) {
        if (!excusable(recorded) || outputs.isEmpty()) {
            return false;
        }
        try {
            if (recorded instanceof InputState.DirListing d) {
                return listingExcused(path, d, outputs);
            }
            Output o = outputs.get(path);
            return o != null && presentIs(o, states);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether the path of {@code o} now holds exactly what replaying {@code o} would leave. */
    private static boolean presentIs(Output o, InputStates states) throws IOException {
        Path p = Path.of(o.path());
        FileStat st = FileStat.of(p, false);
        if (o instanceof Output.File f) {
            return st != null && st.isRegularFile() && st.size() == f.blob().size()
                    && states.digester().digest(p, st).equals(f.blob().digest());
        }
        // A directory or a link already there changes what most commands do (cp -r copies into
        // it, ln -s and mkdir fail), and a deletion depended on what it deleted: never excused.
        return false;
    }

    private static boolean listingExcused(String dir, InputState.DirListing recorded,
            Map<String, Output> outputs) throws IOException {
        Path d = Path.of(dir);
        List<String> own = new ArrayList<>();
        for (String p : outputs.keySet()) {
            Path parent = Path.of(p).getParent();
            if (d.equals(parent)) {
                own.add(Path.of(p).getFileName().toString());
            }
        }
        if (own.isEmpty() || own.size() > MAX_OWN_NAMES) {
            return false;
        }
        TreeSet<String> base = new TreeSet<>(DirListings.entries(d));
        base.removeAll(own);
        for (int mask = 0; mask < 1 << own.size(); mask++) {
            TreeSet<String> names = new TreeSet<>(base);
            for (int i = 0; i < own.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    names.add(own.get(i));
                }
            }
            if (DirListings.digest(names).equals(recorded.digest())) {
                return true;
            }
        }
        return false;
    }
}
