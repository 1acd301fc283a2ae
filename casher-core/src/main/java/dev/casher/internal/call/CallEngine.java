package dev.casher.internal.call;

/** The call path: fingerprint, lookup, replay or record, store. (Being written.) */
public final class CallEngine {
    private static final CallEngine SHARED = new CallEngine();

    /** A hit for a woven call: the replayed return value. */
    record HitToken(Object value) {}

    /** The engine of this JVM. */
    public static CallEngine shared() {
        return SHARED;
    }

    Object enterWoven(Class<?> owner, String method, String descriptor, Object self, Object[] args) {
        return null;
    }

    void exitWoven(Object token, Object returned, Throwable thrown) {
    }
}
