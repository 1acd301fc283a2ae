package dev.casher;

import java.util.List;

/**
 * The result of {@link Casher#verify}: what was checked, what was found damaged, and what was
 * removed (with {@link Repair#REPAIR}). Immutable.
 *
 * @param blobsChecked blobs whose content digest was checked
 * @param entriesChecked entries whose checksum and blob references were checked
 * @param manifestsChecked manifests whose checksum and candidates were checked
 * @param problems one line per damaged item
 * @param removed items removed by a repair
 */
public record CacheCheck(int blobsChecked, int entriesChecked, int manifestsChecked, List<String> problems,
        int removed) {
    public CacheCheck {
        problems = List.copyOf(problems);
    }

    /** Whether nothing was damaged. */
    public boolean clean() {
        return problems.isEmpty();
    }

    /** What {@link Casher#verify} does with damage it finds. */
    public enum Repair {
        /** Only report. */
        REPORT,
        /** Remove damaged blobs, entries and manifests, and candidates whose entry is gone. */
        REPAIR
    }
}
