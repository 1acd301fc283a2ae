package dev.casher.internal.lookup;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The inputs one recorded run depended on: absolute path to the state it saw. Sorted by path so
 * that equal sets encode to equal bytes. Immutable.
 */
public record InputSet(Map<String, InputState> states) {
    /** The set with no inputs. */
    public static final InputSet EMPTY = new InputSet(Map.of());

    public InputSet {
        Objects.requireNonNull(states, "states");
        // Decoded manifests come sorted already: one pass checks that, instead of a tree map
        // (a command-line hit decodes a hundred inputs in a cold JVM).
        boolean sorted = true;
        String previous = null;
        for (Map.Entry<String, InputState> e : states.entrySet()) {
            String p = Objects.requireNonNull(e.getKey(), "path");
            if (!p.startsWith("/")) {
                throw new IllegalArgumentException("input path must be absolute: " + p);
            }
            Objects.requireNonNull(e.getValue(), "state of " + p);
            if (previous != null && previous.compareTo(p) >= 0) {
                sorted = false;
            }
            previous = p;
        }
        states = Collections.unmodifiableMap(sorted ? new LinkedHashMap<>(states)
                : new LinkedHashMap<>(new TreeMap<>(states)));
    }

    /** Number of inputs. */
    public int size() {
        return states.size();
    }
}
