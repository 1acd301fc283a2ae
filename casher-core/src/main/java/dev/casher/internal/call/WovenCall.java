package dev.casher.internal.call;

/**
 * The bridge between methods woven for {@link dev.casher.Cached} and the cache. The agent's
 * advice calls {@link #enter} at method entry: on a hit the body is skipped and
 * {@link #hitValue} returned; otherwise the body runs and {@link #exit} receives its outcome.
 *
 * <pre>{@code
 * Object t = WovenCall.enter(Owner.class, "name", "(Ljava/lang/String;)I", this_or_null, args);
 * if (WovenCall.isHit(t)) return (cast) WovenCall.hitValue(t);
 * try { r = body(); WovenCall.exit(t, r, null); return r; }
 * catch (Throwable e) { WovenCall.exit(t, null, e); throw e; }
 * }</pre>
 *
 * <p>Never throws for cache failures (they become a plain call); throws
 * {@link dev.casher.CasherException} only for usage errors such as an argument that cannot be
 * fingerprinted.
 */
public final class WovenCall {
    private WovenCall() {}

    /** Looks the call up; returns an opaque token for {@link #isHit}, {@link #hitValue}, {@link #exit}. */
    public static Object enter(Class<?> owner, String method, String descriptor, Object self,
            Object[] args) {
        return CallEngine.shared().enterWoven(owner, method, descriptor, self, args);
    }

    /** Whether the token is a hit: skip the body and return {@link #hitValue}. */
    public static boolean isHit(Object token) {
        return token instanceof CallEngine.HitToken;
    }

    /** The replayed return value of a hit token (outputs and stdout/stderr already replayed). */
    public static Object hitValue(Object token) {
        return ((CallEngine.HitToken) token).value();
    }

    /** Ends a non-hit call: stores the result of a miss, closes its recording. */
    public static void exit(Object token, Object returned, Throwable thrown) {
        CallEngine.shared().exitWoven(token, returned, thrown);
    }
}
