package dev.casher;

/** How a cached call's file I/O is discovered. */
public enum Mode {
    /**
     * The default: the call runs in this JVM and the casher agent reports the files it touches
     * (declared inputs and outputs are added). Without the agent, only declarations count.
     */
    IN_PROCESS,
    /**
     * Only declared inputs and outputs count: no tracking. For calls whose file I/O is known, or
     * where the agent cannot be installed.
     */
    DECLARED,
    /**
     * The call runs in a child JVM under {@code strace -f}: sees JNI and child processes too.
     * Arguments and the result cross the process boundary through the value codecs. Not available
     * yet: {@code Casher.wrap} and the first call of a {@code @Cached} method with this mode throw
     * {@link CasherException} rather than run with weaker tracking.
     */
    SUBPROCESS
}
