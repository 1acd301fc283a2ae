package dev.casher.internal.store;

import java.util.List;

/**
 * What one {@link LocalStore#verify} walk found: how many items it checked, one line per
 * problem, and how many items it removed (always 0 with {@link VerifyMode#REPORT}).
 */
public record VerifyReport(int blobsChecked, int entriesChecked, int manifestsChecked,
        List<String> problems, int removed) {
    public VerifyReport {
        problems = List.copyOf(problems);
    }

    /** Whether nothing was wrong. */
    public boolean clean() {
        return problems.isEmpty();
    }
}
