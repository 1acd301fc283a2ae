package dev.casher.internal.record;

/**
 * Short counter names for the reasons a run is not stored ({@code uncacheable.NAME} in the
 * stats), shared by the in-process and the command paths so that one cause counts under one name.
 */
public final class Reasons {
    private Reasons() {}

    /** The counter name of a human-readable reason; {@code other} if none fits. */
    public static String key(String reason) {
        if (reason.startsWith("unattributed")) {
            return "unattributed-io";
        } else if (reason.startsWith("untraced subprocess")) {
            return "untraced-subprocess";
        } else if (reason.startsWith("subprocess still running")) {
            return "subprocess-running";
        } else if (reason.startsWith("trace: interrupted")) {
            return "interrupted";
        } else if (reason.startsWith("trace: left ")) {
            return "left-processes-running";
        } else if (reason.startsWith("trace: tracer")) {
            return "tracer-message";
        } else if (reason.startsWith("trace: the trace ends")) {
            return "trace-cut-short";
        } else if (reason.startsWith("trace:")) {
            return "trace-unreadable";
        } else if (reason.startsWith("input changed")) {
            return "input-changed-during-call";
        } else if (reason.startsWith("read and then changed")) {
            return "read-then-written";
        } else if (reason.startsWith("listed directory")) {
            return "listed-directory-changed";
        } else if (reason.startsWith("cannot read declared")) {
            return "declared-input-unreadable";
        }
        return "other";
    }
}
