package dev.casher.internal.call;

import dev.casher.CallOptions;
import dev.casher.CasherException;
import dev.casher.Mode;
import dev.casher.internal.fingerprint.FunctionIdentity;
import java.util.Objects;

/**
 * What is being cached: the function's identity, its options, and the receiver of a woven
 * instance method. Built once per wrapped function or woven method (per receiver); immutable
 * and thread-safe. Reflective facts (parameter names) are looked up once.
 */
public final class CallSpec {
    private final FunctionIdentity identity;
    private final CallOptions options;
    private final Object receiver;
    private final String[] parameterNames;

    /**
     * @param identity class, method, descriptor and captured values
     * @param options declarations and modes
     * @param receiver the instance of a woven instance method ({@code null} for static methods and
     *     wrapped functions)
     */
    public CallSpec(FunctionIdentity identity, CallOptions options, Object receiver) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.options = Objects.requireNonNull(options, "options");
        if (options.mode() == Mode.SUBPROCESS) {
            // Running it in-process with declared inputs only would replay stale results after an
            // undeclared input changed: refuse rather than track less than was asked for.
            throw new CasherException("Mode.SUBPROCESS is not available yet (" + identity.display()
                    + "): use Mode.IN_PROCESS (the default; the agent tracks file I/O) or "
                    + "Mode.DECLARED (declared inputs and outputs only)");
        }
        this.receiver = receiver;
        this.parameterNames = identity.parameterNames();
    }

    private CallSpec(CallSpec base, Object receiver) {
        this.identity = base.identity;
        this.options = base.options;
        this.receiver = receiver;
        this.parameterNames = base.parameterNames;
    }

    /** The same spec for another receiver. */
    public CallSpec withReceiver(Object r) {
        return new CallSpec(this, r);
    }

    /** Class, method, descriptor and captured values. */
    public FunctionIdentity identity() {
        return identity;
    }

    /** Declarations and modes. */
    public CallOptions options() {
        return options;
    }

    /** The receiver of a woven instance method, or {@code null}. */
    public Object receiver() {
        return receiver;
    }

    /** Parameter names (null entries when compiled without {@code -parameters}), or {@code null}. */
    String[] parameterNames() {
        return parameterNames;
    }

    /** A short label for logs: {@code Owner.method}. */
    public String label() {
        return identity.owner().getSimpleName() + "." + identity.method();
    }
}
