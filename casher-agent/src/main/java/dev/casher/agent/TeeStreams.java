package dev.casher.agent;

import dev.casher.internal.record.CallContext;
import dev.casher.internal.record.StreamTag;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;

/**
 * Tee {@code System.out}/{@code System.err}: every byte goes to the original stream first
 * (live), then into the recordings of the writing thread's chain via
 * {@link CallContext#output}. Installed at premain/attach; the core engine installs its own only
 * when {@link #installed()} is false.
 *
 * <p>The tee works at the {@code OutputStream} level because {@code PrintStream.print(String)}
 * bypasses an overridden {@code PrintStream.write(byte[])}. What escapes it: PrintStream
 * references taken before installation (typical of loggers), {@code new
 * FileOutputStream(FileDescriptor.out)}, children started with {@code inheritIO()} or
 * {@code Redirect.INHERIT} (they write to fd 1/2 directly), the JVM's native output, and output
 * of threads the call's context did not reach.
 *
 * <p>Thread-safe (PrintStream locks; recordings are synchronised). Capture failures never stop
 * the pass-through.
 */
public final class TeeStreams {
    private TeeStreams() {}

    /** Whether {@code System.out} and {@code System.err} are casher tees right now. */
    public static boolean installed() {
        return System.out instanceof TeePrintStream && System.err instanceof TeePrintStream;
    }

    /**
     * Replaces {@code System.out} and {@code System.err} with tees unless they already are.
     * Idempotent and cheap when installed: the engine may call it at the start of each recorded
     * call, because frameworks (test runners, loggers) replace the streams after premain.
     */
    public static synchronized void install() {
        if (!(System.out instanceof TeePrintStream)) {
            System.setOut(tee(System.out, StreamTag.STDOUT, "sun.stdout.encoding"));
        }
        if (!(System.err instanceof TeePrintStream)) {
            System.setErr(tee(System.err, StreamTag.STDERR, "sun.stderr.encoding"));
        }
    }

    private static PrintStream tee(PrintStream original, StreamTag tag, String encodingProperty) {
        String enc = System.getProperty(encodingProperty);
        Charset cs;
        try {
            cs = enc != null && Charset.isSupported(enc) ? Charset.forName(enc)
                    : Charset.defaultCharset();
        } catch (RuntimeException e) {
            cs = Charset.defaultCharset();
        }
        try {
            return new TeePrintStream(new Tee(original, tag), cs.name());
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The installed PrintStream type, recognisable by {@link #installed()}. */
    static final class TeePrintStream extends PrintStream {
        TeePrintStream(OutputStream out, String encoding) throws UnsupportedEncodingException {
            super(out, true, encoding);
        }
    }

    /** Writes through to the original stream, then copies into the thread's recordings. */
    static final class Tee extends OutputStream {
        private final PrintStream original;
        private final StreamTag tag;

        Tee(PrintStream original, StreamTag tag) {
            this.original = original;
            this.tag = tag;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            original.write(b, off, len);
            if (CallContext.anyOpen()) {
                try {
                    Propagation.ensureAttached();
                    CallContext.output(tag, b, off, len);
                } catch (RuntimeException e) {
                    CallContext.taintCurrent("could not capture " + tag + ": " + e);
                }
            }
        }

        @Override
        public void flush() throws IOException {
            original.flush();
        }
    }
}
