package dev.casher.internal.trace;

/**
 * Linux {@code open(2)} flag values as {@code strace -X raw} prints them, for the architecture
 * this JVM runs on (the traced programs run on the same machine). Only {@code O_DIRECTORY}
 * differs between x86-64 and the asm-generic architectures (arm64, riscv64) that matter here.
 *
 * <p>Stateless and thread-safe.
 */
final class OpenFlags {

    static final long O_ACCMODE = 03;
    static final long O_RDONLY = 0;
    static final long O_RDWR = 02;
    static final long O_CREAT = 0100;
    static final long O_EXCL = 0200;
    static final long O_TRUNC = 01000;
    static final long O_PATH = 010000000;
    static final long O_TMPFILE_BASE = 020000000;
    static final long O_DIRECTORY = isAsmGeneric() ? 040000 : 0200000;

    /** {@code AT_EMPTY_PATH}: the call acts on the dirfd itself. */
    static final long AT_EMPTY_PATH = 0x1000;
    /** {@code AT_REMOVEDIR} of unlinkat. */
    static final long AT_REMOVEDIR = 0x200;
    /** {@code CLONE_FS}: the child shares the parent's cwd. */
    static final long CLONE_FS = 0x200;
    /** renameat2 flags that are not a plain move. */
    static final long RENAME_EXCHANGE = 0x2;
    static final long RENAME_WHITEOUT = 0x4;

    private OpenFlags() {
    }

    private static boolean isAsmGeneric() {
        String arch = System.getProperty("os.arch", "");
        return arch.equals("aarch64") || arch.equals("arm64") || arch.startsWith("riscv")
                || arch.equals("loongarch64");
    }
}
