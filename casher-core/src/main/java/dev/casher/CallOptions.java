package dev.casher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Options of a cached function: declared environment variables, extra inputs and outputs
 * (computed from the call's arguments), ignore globs, tracking mode and code key. Immutable and
 * thread-safe; {@link #DEFAULTS} has none.
 *
 * <pre>{@code
 * CallOptions.builder()
 *     .env("MY_VAR")
 *     .inputs(args -> List.of(Path.of((String) args[0])))
 *     .outputs(args -> List.of(Path.of((String) args[1])))
 *     .build();
 * }</pre>
 */
public final class CallOptions {
    /** No declarations: in-process tracking, bytecode code key. */
    public static final CallOptions DEFAULTS = builder().build();

    private final List<String> env;
    private final Function<Object[], ? extends List<Path>> inputs;
    private final Function<Object[], ? extends List<Path>> outputs;
    private final List<String> ignore;
    private final Mode mode;
    private final CodeKey code;
    private final String version;

    private CallOptions(Builder b) {
        this.env = List.copyOf(b.env);
        this.inputs = b.inputs;
        this.outputs = b.outputs;
        this.ignore = List.copyOf(b.ignore);
        this.mode = b.mode;
        this.code = b.code;
        this.version = b.version;
    }

    /** A builder with no declarations. */
    public static Builder builder() {
        return new Builder();
    }

    /** Environment variables whose values are part of the key. */
    public List<String> env() {
        return env;
    }

    /** Declared input paths for the given arguments (files, or directories: see {@link Inputs#dir}). */
    public List<Path> inputs(Object[] args) {
        return inputs == null ? List.of() : List.copyOf(inputs.apply(args));
    }

    /** Declared output paths for the given arguments. */
    public List<Path> outputs(Object[] args) {
        return outputs == null ? List.of() : List.copyOf(outputs.apply(args));
    }

    /** Globs of paths that are neither inputs nor outputs. */
    public List<String> ignore() {
        return ignore;
    }

    /** How file I/O is discovered. */
    public Mode mode() {
        return mode;
    }

    /** What stands for the code in the key. */
    public CodeKey code() {
        return code;
    }

    /** The manual code version ("" if none). */
    public String version() {
        return version;
    }

    /** Options from a {@link Cached} annotation. */
    public static CallOptions of(Cached c) {
        Builder b = builder().env(c.env()).ignore(c.ignore()).mode(c.mode()).code(c.code()).version(c.version());
        List<Path> in = c.inputs().length == 0 ? null : paths(c.inputs());
        List<Path> out = c.outputs().length == 0 ? null : paths(c.outputs());
        if (in != null) {
            b.inputs(args -> in);
        }
        if (out != null) {
            b.outputs(args -> out);
        }
        return b.build();
    }

    private static List<Path> paths(String[] names) {
        List<Path> ps = new ArrayList<>();
        for (String n : names) {
            ps.add(Path.of(n));
        }
        return ps;
    }

    /** Builds {@link CallOptions}. Not thread-safe. */
    public static final class Builder {
        private final List<String> env = new ArrayList<>();
        private Function<Object[], ? extends List<Path>> inputs;
        private Function<Object[], ? extends List<Path>> outputs;
        private final List<String> ignore = new ArrayList<>();
        private Mode mode = Mode.IN_PROCESS;
        private CodeKey code = CodeKey.BYTECODE;
        private String version = "";

        private Builder() {}

        /** Adds environment variables whose values are part of the key. */
        public Builder env(String... names) {
            for (String n : names) {
                if (n == null || n.isEmpty() || n.indexOf('=') >= 0) {
                    throw new CasherException("invalid env option '" + n
                            + "': give the name of an environment variable, e.g. env(\"MY_VAR\")");
                }
                env.add(n);
            }
            return this;
        }

        /** Declares input paths as a function of the call's arguments. */
        public Builder inputs(Function<Object[], ? extends List<Path>> fn) {
            this.inputs = Objects.requireNonNull(fn, "inputs");
            return this;
        }

        /** Declares output paths as a function of the call's arguments. */
        public Builder outputs(Function<Object[], ? extends List<Path>> fn) {
            this.outputs = Objects.requireNonNull(fn, "outputs");
            return this;
        }

        /** Adds globs of paths that are neither inputs nor outputs ({@code **}{@code /*.log}). */
        public Builder ignore(String... globs) {
            for (String g : globs) {
                try {
                    java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + g);
                } catch (RuntimeException e) {
                    throw new CasherException("invalid ignore glob '" + g + "': " + e.getMessage());
                }
                ignore.add(g);
            }
            return this;
        }

        /** How file I/O is discovered. */
        public Builder mode(Mode m) {
            this.mode = Objects.requireNonNull(m, "mode");
            return this;
        }

        /** What stands for the code in the key. */
        public Builder code(CodeKey k) {
            this.code = Objects.requireNonNull(k, "code");
            return this;
        }

        /** A manual code version; with {@link CodeKey#VERSION} it replaces the bytecode digest. */
        public Builder version(String v) {
            this.version = Objects.requireNonNull(v, "version");
            return this;
        }

        /** The options. */
        public CallOptions build() {
            if (code == CodeKey.VERSION && version.isEmpty()) {
                throw new CasherException("code(CodeKey.VERSION) needs version(\"...\"): the manual version "
                        + "stands for the code in the key");
            }
            return new CallOptions(this);
        }
    }
}
