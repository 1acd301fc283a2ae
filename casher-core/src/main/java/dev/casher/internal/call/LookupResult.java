package dev.casher.internal.call;

import dev.casher.internal.lookup.InputSet;
import dev.casher.internal.store.Entry;
import dev.casher.internal.util.Digest;
import java.util.List;

/** The decision of a lookup, a pure value the call path acts on. */
public sealed interface LookupResult {
    /**
     * A recorded run whose inputs all still hold; {@code value} holds the encoded return value
     * when the hot tier had it, else {@code null} (read it from the store).
     */
    record Hit(Digest entryId, Entry entry, InputSet inputs, byte[] value) implements LookupResult {}

    /** No recorded run matches; {@code changed} names the first differing input of the newest candidate, if any. */
    record Miss(String changed) implements LookupResult {}

    /** The cache is not used for this call, with the reasons. */
    record Bypass(List<String> reasons) implements LookupResult {}
}
