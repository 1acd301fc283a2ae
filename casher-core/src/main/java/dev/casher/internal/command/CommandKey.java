package dev.casher.internal.command;

import dev.casher.internal.fingerprint.ActionKey;
import dev.casher.internal.util.Digest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The action key of a command (DESIGN §2.1): argv, working directory, declared environment
 * values, {@code PATH} and the executable it selects, the content of stdin, the declarations that change what is recorded ({@code --input},
 * {@code --output}, {@code --ignore}) and the platform. The metadata kept with each entry holds
 * every part in readable form, so {@code explain} can say which one differs. Immutable.
 *
 * @param key the action key
 * @param metadata labelled facts stored with the entry ({@code kind}, {@code arg.N}, {@code cwd},
 *                 {@code env.NAME}, {@code stdin}, {@code key}, {@code key.PART})
 */
public record CommandKey(ActionKey key, Map<String, String> metadata) {
    /** Metadata value of {@code kind} for command entries. */
    public static final String KIND = "command";
    /** How an unset declared variable is shown and keyed. */
    public static final String UNSET = "<unset>";

    public CommandKey {
        Objects.requireNonNull(key, "key");
        metadata = Map.copyOf(metadata);
    }

    /** The key of {@code spec} with this environment and stdin. */
    public static CommandKey of(CommandSpec spec, Map<String, String> environ,
            Stdin.Content stdin) {
        ActionKey.Builder b = new ActionKey.Builder();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("kind", KIND);
        b.add("kind", KIND);
        b.add("argv", display(spec.argv()), lengthPrefixed(spec.argv()));
        for (int i = 0; i < spec.argv().size(); i++) {
            meta.put("arg." + i, spec.argv().get(i));
        }
        b.add("cwd", spec.cwd().toString());
        meta.put("cwd", spec.cwd().toString());
        for (String name : new java.util.TreeSet<>(spec.env())) {
            String v = environ.get(name);
            byte[] value = (v == null ? "\0unset" : "=" + v).getBytes(StandardCharsets.UTF_8);
            b.add("env:" + name, v == null ? UNSET : v, value);
            meta.put("env." + name, v == null ? UNSET : v);
        }
        addLookup(b, meta, spec, environ);
        String stdinText = stdin.size() < 0 ? "a terminal (passed through, not read)"
                : stdin.size() == 0 ? "empty"
                : stdin.size() + " bytes, sha256 " + stdin.digest().shortHex(16);
        b.add("stdin", stdinText, stdin.digest());
        meta.put("stdin", stdinText);
        addPaths(b, "declared-inputs", spec.inputs());
        addPaths(b, "declared-outputs", spec.outputs());
        if (!spec.ignore().isEmpty()) {
            b.add("ignore", String.join(" ", spec.ignore()), lengthPrefixed(spec.ignore()));
        }
        b.add("platform", System.getProperty("os.name") + "/" + System.getProperty("os.arch"));
        ActionKey key = b.build();
        meta.put("key", key.digest().hex());
        for (ActionKey.Part p : key.parts()) {
            String d = p.display();
            meta.putIfAbsent("key." + p.label(),
                    d.length() <= 300 ? d : d.substring(0, 297) + "...");
        }
        return new CommandKey(key, meta);
    }

    /** The digest naming the manifest. */
    public Digest digest() {
        return key.digest();
    }

    /** The argv as a shell would read it back (single-quoted where needed). */
    public static String display(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String a : argv) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(plain(a) ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }

    /** Whether a shell reads {@code a} back unchanged without quotes (no regex: hit path). */
    private static boolean plain(String a) {
        if (a.isEmpty()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "_./:=@%+,-".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * What {@code PATH} selects: its value (a shell inside the command looks names up in it, and
     * a recorded run saw only the directories up to the one that held the name) and, for a bare
     * command name, the executable it resolves to now (the lookup of the command itself happens
     * before tracing starts, so no probe of it is recorded).
     */
    private static void addLookup(ActionKey.Builder b, Map<String, String> meta, CommandSpec spec,
            Map<String, String> environ) {
        String path = environ.get("PATH");
        if (!spec.env().contains("PATH")) {
            b.add("env:PATH", path == null ? UNSET : path,
                    (path == null ? "\0unset" : "=" + path).getBytes(StandardCharsets.UTF_8));
            meta.put("env.PATH", path == null ? UNSET : path);
        }
        String name = spec.argv().get(0);
        if (!name.contains("/")) {
            Path exe = CommandRunner.resolveExecutable(name, path, spec.cwd());
            String shown = exe == null ? "<not found>" : exe.toString();
            b.add("executable", shown);
            meta.put("executable", shown);
        }
    }

    private static void addPaths(ActionKey.Builder b, String label, List<Path> paths) {
        if (!paths.isEmpty()) {
            List<String> s = new java.util.ArrayList<>();
            for (Path p : paths) {
                s.add(p.toString());
            }
            b.add(label, String.join(" ", s), lengthPrefixed(s));
        }
    }

    private static byte[] lengthPrefixed(List<String> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String v : values) {
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
            out.writeBytes(b);
        }
        return out.toByteArray();
    }
}
