package dev.casher.internal.trace;

/**
 * Linux signal names and numbers, as strace names them in its exit notices ({@code SIGTERM}
 * without the prefix here). The numbers are the generic ones (x86, arm, arm64, riscv). Stateless.
 */
public final class Signals {
    private static final String[] NAMES = {null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT",
        "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD",
        "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH",
        "IO", "PWR", "SYS"};

    private Signals() {}

    /** The number of signal {@code name} ({@code TERM} ⇒ 15), or -1 if unknown. */
    public static int number(String name) {
        for (int i = 1; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return i;
            }
        }
        return name.equals("IOT") ? 6 : -1;
    }

    /** The name of signal {@code n} without {@code SIG}, or {@code null} if unknown. */
    public static String name(int n) {
        return n > 0 && n < NAMES.length ? NAMES[n] : null;
    }
}
