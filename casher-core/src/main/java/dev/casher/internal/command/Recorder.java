package dev.casher.internal.command;

import dev.casher.internal.lookup.DirListings;
import dev.casher.internal.lookup.InputSet;
import dev.casher.internal.lookup.InputState;
import dev.casher.internal.record.Classification;
import dev.casher.internal.record.Classifier;
import dev.casher.internal.record.EventKind;
import dev.casher.internal.record.OutputChunk;
import dev.casher.internal.record.PathFilter;
import dev.casher.internal.record.PathTrace;
import dev.casher.internal.record.Recording;
import dev.casher.internal.record.RunResult;
import dev.casher.internal.store.Entry;
import dev.casher.internal.store.Manifest;
import dev.casher.internal.store.Output;
import dev.casher.internal.trace.StraceSupport;
import dev.casher.internal.trace.TraceResult;
import dev.casher.internal.util.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record, classify and store steps of the command path: runs the command under strace with
 * its streams captured, turns the trace into inputs and outputs with the shared
 * {@link Classifier} and {@link RunResult}, and stores blobs, then the entry, then the manifest
 * candidate. Stateless and thread-safe.
 */
final class Recorder {
    /** Metadata key prefix of a listed directory's names. */
    static final String LISTING = "listing:";
    private static final int MAX_LISTED = 256;

    private Recorder() {}

    /** A finished traced run: the recording (events, chunks, taints) and the process result. */
    record Recorded(Recording recording, CommandRunner.Result result) {}

    /** What storing did: counts, or why the run was not stored (reason and its counter name). */
    record Stored(int inputs, int outputs, String reason, String reasonKey) {
        static Stored refused(String reason, String key) {
            return new Stored(0, 0, reason, key);
        }
    }

    /**
     * Runs the command under strace and reads what it did; {@code before} holds pre-call states
     * of paths read before the run started ({@link PreStateMemo}), used where the trace cannot
     * tell them.
     */
    static Recorded record(CommandSpec spec, Stdin.Content stdin, CommandCache cache,
            StraceSupport support, OutputStream out, OutputStream err, Map<Path, InputState> before)
            throws IOException {
        long startedAt = cache.store().fileSystemNow();
        Recording rec = new Recording(cache.states(), startedAt);
        CommandEngine.declare(rec, spec.inputs());
        TracedRun.Outcome run = TracedRun.run(support, spec, stdin.file(), out, err, rec);
        TraceResult tr = run.trace();
        for (String reason : tr.uncacheableReasons()) {
            rec.taint("trace: " + reason);
        }
        TraceEvents.feed(dev.casher.internal.trace.PidScratch.without(tr.events(), tr.taskIds()), rec,
                cache.states(), filter(spec, cache));
        before.forEach(rec::preState);
        for (Path p : spec.outputs()) {
            rec.event(Files.exists(p) ? EventKind.WRITE : EventKind.DELETE, p);
        }
        return new Recorded(rec, run.result());
    }

    static Stored store(CommandSpec spec, Recorded r, CommandCache cache, CommandKey key) {
        Recording.Snapshot snap = r.recording().snapshot();
        Classification c = Classifier.classify(snap, filter(spec, cache));
        if (!c.cacheable()) {
            PreStateMemo.remember(cache, key.digest(), c.uncacheable());
            return Stored.refused(c.uncacheable().get(0), reasonKey(c.uncacheable().get(0)));
        }
        List<String> reasons = new ArrayList<>();
        try {
            InputSet inputs = RunResult.inputs(c, snap, cache.states(),
                    r.recording().startedAtNanos(), reasons);
            List<Output> outputs = reasons.isEmpty()
                    ? RunResult.outputs(c, cache.store(), reasons) : List.of();
            if (!reasons.isEmpty()) {
                return Stored.refused(reasons.get(0), reasonKey(reasons.get(0)));
            }
            outputs = withoutTraceless(outputs, snap.paths());
            Entry entry = entry(snap.chunks(), outputs, r.result(), listings(inputs, key), cache);
            Digest id = cache.store().putEntry(entry);
            cache.store().addCandidate(key.digest(), new Manifest.Candidate(inputs, id));
            return new Stored(inputs.size(), outputs.size(), null, null);
        } catch (IOException | RuntimeException e) {
            return Stored.refused("cannot store in " + cache.dir() + " (" + e.getMessage() + ")",
                    "store-failed");
        }
    }

    /** Paths ignored: system locations, the cache directory, and the user's globs. */
    static PathFilter filter(CommandSpec spec, CommandCache cache) {
        List<Path> prefixes = new ArrayList<>(PathFilter.systemPrefixes());
        prefixes.add(cache.dir());
        return PathFilter.of(prefixes, spec.ignore());
    }

    /**
     * Drops deletions of paths the run itself created first (temporary files leave no trace): a
     * replayed deletion there would remove a file the user made since.
     */
    private static List<Output> withoutTraceless(List<Output> outputs, Map<Path, PathTrace> paths) {
        List<Output> keep = new ArrayList<>(outputs.size());
        for (Output o : outputs) {
            PathTrace t = paths.get(Path.of(o.path()));
            boolean madeHere = t != null && (t.first() == EventKind.CREATE
                    || t.first() == EventKind.MKDIR || t.first() == EventKind.PROBE_MISSING);
            if (!(o instanceof Output.Deleted && madeHere)) {
                keep.add(o);
            }
        }
        return keep;
    }

    /**
     * The key's metadata plus the names in each listed input directory ({@code listing:DIR}, one
     * per line, up to {@link #MAX_LISTED} names), so {@code explain} can say which were added
     * or removed. Skipped when the call itself changed the directory (its names now are not the
     * ones it saw).
     */
    private static Map<String, String> listings(InputSet inputs, CommandKey key) {
        Map<String, String> meta = new LinkedHashMap<>(key.metadata());
        for (Map.Entry<String, InputState> e : inputs.states().entrySet()) {
            if (!(e.getValue() instanceof InputState.DirListing d)) {
                continue;
            }
            try {
                List<String> names = DirListings.entries(Path.of(e.getKey()));
                boolean plain = names.size() <= MAX_LISTED;
                for (String n : names) {
                    plain &= n.indexOf('\n') < 0;
                }
                if (plain && DirListings.digest(names).equals(d.digest())) {
                    meta.put(LISTING + e.getKey(), String.join("\n", names));
                }
            } catch (IOException | RuntimeException ex) {
                // explain then says only that the listing changed
            }
        }
        return meta;
    }

    private static Entry entry(List<OutputChunk> chunks, List<Output> outputs,
            CommandRunner.Result result, Map<String, String> meta, CommandCache cache)
            throws IOException {
        dev.casher.internal.record.CapturedStreams streams =
                dev.casher.internal.record.CapturedStreams.store(cache.store(), chunks);
        return new Entry(System.currentTimeMillis(), result.durationNanos(), outputs, streams.blob(),
                streams.chunks(), null, result.exitStatus(), meta);
    }

    /** A short counter name for an uncacheable reason. */
    static String reasonKey(String reason) {
        return dev.casher.internal.record.Reasons.key(reason);
    }
}
