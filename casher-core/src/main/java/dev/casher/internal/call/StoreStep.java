package dev.casher.internal.call;

import dev.casher.Mode;
import dev.casher.internal.codec.UnencodableValueException;
import dev.casher.internal.codec.ValueCodecs;
import dev.casher.internal.lookup.InputSet;
import dev.casher.internal.record.CallContext;
import dev.casher.internal.record.Classification;
import dev.casher.internal.record.Classifier;
import dev.casher.internal.record.EventKind;
import dev.casher.internal.record.OutputChunk;
import dev.casher.internal.record.PathFilter;
import dev.casher.internal.record.CapturedStreams;
import dev.casher.internal.record.Reasons;
import dev.casher.internal.record.Recording;
import dev.casher.internal.record.RunResult;
import dev.casher.internal.store.BlobRef;
import dev.casher.internal.store.CacheStore;
import dev.casher.internal.store.Entry;
import dev.casher.internal.store.Manifest;
import dev.casher.internal.store.Output;
import dev.casher.internal.util.Digest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Record step, second half, then classify and store: closes the recording, turns it into inputs
 * and outputs, and stores blobs, then the entry, then the manifest candidate (so a reader never
 * sees a candidate whose entry or blobs are missing). Any failure leaves the user's result alone.
 */
final class StoreStep {
    private StoreStep() {}

    static void finish(CallEngine.MissToken m, Object value, Throwable thrown, LookupStep lookup,
            Warnings warnings) {
        CallContext.exit(m.previous());
        long duration = System.nanoTime() - m.startNanos();
        Environment env = m.env();
        if (thrown != null) {
            CallLog.uncacheable(env, m.spec(), m.keyed().key(), "exception", thrown.getClass().getName());
            return;
        }
        Recording rec = m.recording();
        // Child processes first: declared outputs describe the state after everything ran.
        rec.finishChildren();
        for (Path p : m.spec().options().outputs(m.args())) {
            Path abs = CallEngine.absolute(p);
            rec.event(abs.toFile().exists() ? EventKind.WRITE : EventKind.DELETE, abs);
        }
        Recording.Snapshot snap = rec.snapshot();
        Classification c = Classifier.classify(snap, filter(m));
        List<String> reasons = new ArrayList<>(c.uncacheable());
        if (!reasons.isEmpty()) {
            CallLog.uncacheable(env, m.spec(), m.keyed().key(), reasonKey(reasons.get(0)), reasons.get(0));
            return;
        }
        try {
            InputSet inputs = RunResult.inputs(c, snap, env.states(), rec.startedAtNanos(), reasons);
            List<Output> outputs = reasons.isEmpty() ? RunResult.outputs(c, env.store(), reasons) : List.of();
            if (!reasons.isEmpty()) {
                CallLog.uncacheable(env, m.spec(), m.keyed().key(), reasonKey(reasons.get(0)), reasons.get(0));
                return;
            }
            byte[][] valueBytes = new byte[1][];
            Entry.EncodedValue encoded = encodeValue(m, value, warnings, valueBytes);
            if (encoded == null && !returnsVoid(m)) {
                CallLog.uncacheable(env, m.spec(), m.keyed().key(), "value-unencodable", "return value");
                return;
            }
            Entry entry = entry(env.store(), snap.chunks(), outputs, encoded, duration, m);
            Digest id = env.store().putEntry(entry);
            env.store().addCandidate(m.keyed().key().digest(), new Manifest.Candidate(inputs, id));
            lookup.remember(m.keyed().key().digest(), inputs, id, entry, valueBytes[0]);
            CallLog.miss(env, m.spec(), m.keyed().key(), duration, inputs.size(), outputs.size());
            Eviction.maybeEvict(env, warnings);
        } catch (IOException | RuntimeException e) {
            warnings.once("store:" + e.getClass().getName(), "cannot store the result of " + m.spec().label()
                    + " in " + env.cacheDir() + "; calls still run (" + e.getMessage() + ")");
            CallLog.uncacheable(env, m.spec(), m.keyed().key(), "store-failed", String.valueOf(e.getMessage()));
        }
    }

    private static PathFilter filter(CallEngine.MissToken m) {
        List<Path> prefixes = new ArrayList<>(PathFilter.systemPrefixes());
        prefixes.add(m.env().cacheDir());
        if (m.spec().options().mode() == Mode.IN_PROCESS) {
            // The JDK is keyed by its feature version. The class path is not ignored: only its
            // .class files are code (dropped at the source, see ClassPathCode); its data files,
            // resources and jars are inputs like any other.
            prefixes.add(Path.of(System.getProperty("java.home")));
        }
        return PathFilter.of(prefixes, m.spec().options().ignore());
    }

    private static boolean returnsVoid(CallEngine.MissToken m) {
        return m.spec().identity().descriptor().endsWith(")V");
    }

    private static Entry.EncodedValue encodeValue(CallEngine.MissToken m, Object value, Warnings warnings,
            byte[][] bytesOut) throws IOException {
        if (returnsVoid(m)) {
            return null;
        }
        ValueCodecs.Encoded enc;
        try {
            enc = m.env().values().encode(value);
        } catch (UnencodableValueException e) {
            warnings.once("value:" + m.spec().label(), "the result of " + m.spec().label()
                    + " is returned but not cached: " + e.getMessage());
            return null;
        }
        BlobRef ref = m.env().store().putBytes(enc.bytes());
        bytesOut[0] = enc.bytes();
        return new Entry.EncodedValue(enc.codecId(), ref, enc.allowedClasses());
    }

    private static Entry entry(CacheStore store, List<OutputChunk> chunks, List<Output> outputs,
            Entry.EncodedValue value, long duration, CallEngine.MissToken m) throws IOException {
        CapturedStreams streams = CapturedStreams.store(store, chunks);
        java.util.Map<String, String> meta = m.keyed().metadata();
        if (m.keyed().code() != null) {
            // Per-method digests can run to thousands of lines: one blob shared by every entry of
            // the same code, referenced from the metadata, keeps entries small.
            BlobRef code = store.putBytes(CodeMetadata.encode(m.keyed().code().toMetadata()));
            meta.put(CodeMetadata.KEY, CodeMetadata.reference(code));
        }
        return new Entry(System.currentTimeMillis(), duration, outputs, streams.blob(), streams.chunks(), value,
                0, meta);
    }

    /** A short counter name for an uncacheable reason. */
    static String reasonKey(String reason) {
        return Reasons.key(reason);
    }
}
