package dev.casher.internal.record;

import dev.casher.internal.util.CasherLog;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;

/**
 * Tees {@code System.out} and {@code System.err}: output still appears live, and what a thread
 * working for a cached call writes is also copied into its recordings ({@link CallContext}).
 * Installed once per JVM, as early as possible (the agent's premain, or the first cached call).
 *
 * <p>What escapes: a {@code PrintStream} obtained before installation (e.g. a logger that saved
 * {@code System.out} at start-up), {@code new FileOutputStream(FileDescriptor.out)}, native output,
 * and output of pool threads that carry no call context. Thread-safe.
 */
public final class StreamTee extends FilterOutputStream {
    private final StreamTag tag;

    private StreamTee(OutputStream out, StreamTag tag) {
        super(out);
        this.tag = tag;
    }

    /** Installs the tees if {@code System.out}/{@code System.err} are not tees already. */
    public static synchronized void install() {
        if (!isTee(System.out)) {
            System.setOut(tee(System.out, StreamTag.STDOUT));
        }
        if (!isTee(System.err)) {
            PrintStream beneath = System.err;
            PrintStream tee = tee(beneath, StreamTag.STDERR);
            System.setErr(tee);
            CasherLog.stderrTeed(tee, beneath); // casher's own messages are not the call's output
        }
    }

    /** Whether both standard streams are tees right now. */
    public static boolean installed() {
        return isTee(System.out) && isTee(System.err);
    }

    /** Whether {@code ps} is one of ours. */
    public static boolean isTee(PrintStream ps) {
        return ps instanceof TeePrintStream;
    }

    private static PrintStream tee(PrintStream original, StreamTag tag) {
        String enc = System.getProperty(tag == StreamTag.STDOUT ? "stdout.encoding" : "stderr.encoding",
                System.getProperty(tag == StreamTag.STDOUT ? "sun.stdout.encoding" : "sun.stderr.encoding",
                        Charset.defaultCharset().name()));
        try {
            return new TeePrintStream(new StreamTee(original, tag), enc);
        } catch (UnsupportedEncodingException e) {
            return new TeePrintStream(new StreamTee(original, tag));
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        if (CallContext.anyOpen()) {
            try {
                CallContext.output(tag, b, off, len);
            } catch (RuntimeException | OutOfMemoryError e) {
                // The pass-through already happened; a lost copy only makes the run unstorable.
                CallContext.taintCurrent("could not capture " + tag + ": " + e);
            }
        }
    }

    /** The tee as a PrintStream; autoflush, so output reaches the terminal as it is printed. */
    static final class TeePrintStream extends PrintStream {
        TeePrintStream(OutputStream out, String encoding) throws UnsupportedEncodingException {
            super(out, true, encoding);
        }

        TeePrintStream(OutputStream out) {
            super(out, true);
        }
    }
}
