package dev.casher.internal.call;

import dev.casher.CallOptions;
import dev.casher.internal.fingerprint.FunctionIdentity;
import java.util.Objects;

/**
 * What is being cached: the function's identity, its options, and how to label it in logs.
 * Immutable; built once per wrapped function or woven method.
 *
 * @param identity class, method, descriptor and captured values
 * @param options declarations and modes
 * @param receiver the instance of a woven instance method ({@code null} for static methods and wrapped functions)
 */
public record CallSpec(FunctionIdentity identity, CallOptions options, Object receiver) {
    public CallSpec {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(options, "options");
    }

    /** A short label for logs: {@code Owner.method}. */
    public String label() {
        return identity.owner().getSimpleName() + "." + identity.method();
    }
}
