package dev.casher.internal.call;

import dev.casher.CodeKey;
import dev.casher.internal.codec.EncodedArguments;
import dev.casher.internal.fingerprint.ActionKey;
import dev.casher.internal.fingerprint.code.CodeFingerprint;
import dev.casher.internal.fingerprint.code.CodeFingerprinter;
import dev.casher.internal.util.Digest;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fingerprint step: builds the action key of an in-process call from labelled parts (DESIGN
 * §2.1) and collects the metadata {@code explain} needs later (per-method code digests, key
 * parts). Throws {@link dev.casher.CasherException} for arguments that cannot be fingerprinted.
 */
final class KeyStep {
    private KeyStep() {}

    private static final String PLATFORM = System.getProperty("os.name") + "/" + System.getProperty("os.arch")
            + " java " + Runtime.version().feature();

    /**
     * The key, the code fingerprint behind its {@code code} part (null unless bytecode), and the
     * declared outputs (absolute), which bound what a hit of a declared-mode call may write.
     */
    record Keyed(ActionKey key, CodeFingerprint code, List<String> declaredOutputs) {
        /** The key parts as entry metadata, for {@code explain} and {@code show}. */
        Map<String, String> metadata() {
            Map<String, String> meta = new LinkedHashMap<>();
            for (ActionKey.Part p : key.parts()) {
                meta.putIfAbsent("key." + p.label(), abbreviate(p.display()));
            }
            return meta;
        }
    }

    static Keyed key(CallSpec spec, Object[] args, Environment env, Map<String, String> environ) {
        ActionKey.Builder b = new ActionKey.Builder();
        b.add("function", spec.identity().display());
        CodeFingerprint code = addCode(spec, b);
        if (!spec.identity().captured().isEmpty()) {
            MessageDigest md = Digest.sha256();
            List<Object> captured = spec.identity().captured();
            for (int i = 0; i < captured.size(); i++) {
                env.arguments().encodeValue(captured.get(i), "captured value " + (i + 1)
                        + " of the lambda or bound method reference", md);
            }
            b.add("captured", captured.size() + " value(s)", Digest.finish(md));
        }
        if (spec.receiver() != null) {
            MessageDigest md = Digest.sha256();
            env.arguments().encodeValue(spec.receiver(), "the receiver (this) of "
                    + spec.label() + ", an instance method", md);
            b.add("receiver", spec.receiver().getClass().getName(), Digest.finish(md));
        }
        EncodedArguments ea = env.arguments().encode(args, spec.parameterNames());
        b.add("args", String.join(", ", ea.descriptions()), ea.digest());
        for (String name : spec.options().env()) {
            String v = environ.get(name);
            byte[] value = (v == null ? "\0unset" : "=" + v).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            b.add("env:" + name, v == null ? "<unset>" : v, value);
        }
        List<String> outs = new ArrayList<>();
        for (Path p : spec.options().outputs(args)) {
            outs.add(p.toAbsolutePath().normalize().toString());
        }
        if (!outs.isEmpty()) {
            b.add("declared-outputs", String.join(" ", outs));
        }
        if (!spec.options().ignore().isEmpty()) {
            b.add("ignore", String.join(" ", spec.options().ignore()));
        }
        b.add("mode", spec.options().mode().name());
        // Always keyed: Java resolves every relative path (java.io, NIO, class-path resources
        // named relatively) against user.dir, and the agent sees most paths only after they were
        // made absolute, so "did the call resolve a relative path" cannot be known reliably.
        // Keying it costs a miss per working directory; not keying it replays stale results.
        b.add("cwd", System.getProperty("user.dir"));
        b.add("platform", PLATFORM);
        return new Keyed(b.build(), code, List.copyOf(outs));
    }

    private static CodeFingerprint addCode(CallSpec spec, ActionKey.Builder b) {
        CodeKey code = spec.options().code();
        String version = spec.options().version();
        CodeFingerprint fp = null;
        if (code == CodeKey.BYTECODE) {
            fp = CodeFingerprinter.shared().fingerprint(spec.identity().owner(),
                    spec.identity().method(), spec.identity().descriptor());
            b.add("code", "bytecode " + fp.digest().shortHex(16) + " (" + fp.methods().size() + " methods)",
                    fp.digest());
        } else if (code == CodeKey.VERSION) {
            b.add("code", "version " + version);
        } else {
            b.add("code", "ignored");
        }
        if (code == CodeKey.BYTECODE && !version.isEmpty()) {
            b.add("version", version);
        }
        return fp;
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 297) + "...";
    }
}
