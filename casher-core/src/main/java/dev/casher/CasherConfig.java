package dev.casher;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * casher's settings: explicit values for {@link Casher#configure}, and the effective values
 * {@link Casher#config()} reports with where each came from. Immutable and thread-safe.
 *
 * <p>Precedence, highest first: {@code Casher.configure(...)}, system properties
 * ({@code -Dcasher.cache-dir}, {@code -Dcasher.max-cache-bytes}), environment variables
 * ({@code CASHER_CACHE_DIR}, {@code CASHER_MAX_CACHE_BYTES}), defaults
 * ({@code $XDG_CACHE_HOME/casher} or {@code ~/.cache/casher}; 32 GiB).
 */
public final class CasherConfig {
    /** Name of the cache directory setting. */
    public static final String CACHE_DIR = "cache-dir";
    /** Name of the size limit setting. */
    public static final String MAX_CACHE_BYTES = "max-cache-bytes";
    /** The default size limit: 32 GiB. */
    public static final long DEFAULT_MAX_CACHE_BYTES = 32L << 30;

    private final Path cacheDir;
    private final Long maxCacheBytes;
    private final Map<String, Setting> settings;

    private CasherConfig(Path cacheDir, Long maxCacheBytes, Map<String, Setting> settings) {
        this.cacheDir = cacheDir;
        this.maxCacheBytes = maxCacheBytes;
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** A builder of explicit settings for {@link Casher#configure}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The cache directory, or {@code null} if not set here. */
    public Path cacheDir() {
        return cacheDir;
    }

    /** The size limit in bytes, or {@code null} if not set here. */
    public Long maxCacheBytes() {
        return maxCacheBytes;
    }

    /** Every effective setting by name, with its source; empty for an explicit (unresolved) config. */
    public Map<String, Setting> settings() {
        return settings;
    }

    /** One effective setting: its value as text and where it came from. */
    public record Setting(String name, String value, String source) {
        @Override
        public String toString() {
            return name + " = " + value + "  (" + source + ")";
        }
    }

    @Override
    public String toString() {
        return settings.isEmpty() ? "CasherConfig{cacheDir=" + cacheDir + ", maxCacheBytes=" + maxCacheBytes + "}"
                : String.join("\n", settings.values().stream().map(Setting::toString).toList());
    }

    /** Creates an effective configuration (used by the resolver). */
    static CasherConfig effective(Path cacheDir, long maxCacheBytes, Map<String, Setting> settings) {
        return new CasherConfig(cacheDir, maxCacheBytes, settings);
    }

    /** Builds explicit settings; validates each value as it is set. */
    public static final class Builder {
        private Path cacheDir;
        private Long maxCacheBytes;

        private Builder() {}

        /** The cache directory; must be absolute. */
        public Builder cacheDir(Path dir) {
            this.cacheDir = checkCacheDir(Objects.requireNonNull(dir, CACHE_DIR).toString(), "Casher.configure");
            return this;
        }

        /** The size limit in bytes; must be positive. */
        public Builder maxCacheBytes(long bytes) {
            if (bytes <= 0) {
                throw new CasherException("invalid " + MAX_CACHE_BYTES + " " + bytes
                        + " (from Casher.configure): must be a positive number of bytes, e.g. 1073741824 or \"1G\"");
            }
            this.maxCacheBytes = bytes;
            return this;
        }

        /** The size limit as text: a number of bytes with an optional K, M, G or T suffix (powers of 1024). */
        public Builder maxCacheBytes(String size) {
            this.maxCacheBytes = parseSize(size, "Casher.configure");
            return this;
        }

        /** The explicit configuration. */
        public CasherConfig build() {
            return new CasherConfig(cacheDir, maxCacheBytes, Map.of());
        }
    }

    /** Validates a cache directory setting from {@code source}. */
    static Path checkCacheDir(String value, String source) {
        if (value.isBlank()) {
            throw new CasherException("invalid " + CACHE_DIR + " (from " + source
                    + "): it is empty; give an absolute directory path such as /var/cache/casher");
        }
        Path p;
        try {
            p = Path.of(value);
        } catch (RuntimeException e) {
            throw new CasherException("invalid " + CACHE_DIR + " '" + value + "' (from " + source + "): " + e.getMessage());
        }
        if (!p.isAbsolute()) {
            throw new CasherException("invalid " + CACHE_DIR + " '" + value + "' (from " + source
                    + "): it must be an absolute path, e.g. " + Path.of(value).toAbsolutePath().normalize());
        }
        return p.normalize();
    }

    /** Parses a size such as {@code 1073741824}, {@code 500M}, {@code 32G}, {@code 2GiB}. */
    static long parseSize(String text, String source) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        long mult = 1;
        String num = t;
        String[][] suffixes = {{"TIB", "T", "TB"}, {"GIB", "G", "GB"}, {"MIB", "M", "MB"}, {"KIB", "K", "KB"}};
        long[] mults = {1L << 40, 1L << 30, 1L << 20, 1L << 10};
        outer:
        for (int i = 0; i < suffixes.length; i++) {
            for (String s : suffixes[i]) {
                if (t.endsWith(s)) {
                    mult = mults[i];
                    num = t.substring(0, t.length() - s.length()).trim();
                    break outer;
                }
            }
        }
        if (num.endsWith("B")) {
            num = num.substring(0, num.length() - 1).trim();
        }
        try {
            long n = Long.parseLong(num);
            if (n <= 0) {
                throw new NumberFormatException("not positive");
            }
            return Math.multiplyExact(n, mult);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new CasherException("invalid " + MAX_CACHE_BYTES + " '" + text + "' (from " + source
                    + "): expected a positive number of bytes with an optional K, M, G or T suffix, "
                    + "e.g. 1073741824, 500M or 32G");
        }
    }

    /**
     * The effective configuration of this process with no explicit settings: system properties,
     * then environment variables, then defaults (what the CLI uses). Throws
     * {@link CasherException} naming a setting whose value is invalid.
     */
    public static CasherConfig fromEnvironment() {
        return resolve(null, System.getenv(), System.getProperties());
    }

    /** Resolves the effective configuration from explicit settings, properties and environment. */
    static CasherConfig resolve(CasherConfig explicit, Map<String, String> env, java.util.Properties props) {
        Map<String, Setting> s = new LinkedHashMap<>();
        Path dir;
        if (explicit != null && explicit.cacheDir != null) {
            dir = explicit.cacheDir;
            s.put(CACHE_DIR, new Setting(CACHE_DIR, dir.toString(), "Casher.configure"));
        } else if (props.getProperty("casher.cache-dir") != null) {
            dir = checkCacheDir(props.getProperty("casher.cache-dir"), "system property casher.cache-dir");
            s.put(CACHE_DIR, new Setting(CACHE_DIR, dir.toString(), "system property casher.cache-dir"));
        } else if (env.get("CASHER_CACHE_DIR") != null) {
            dir = checkCacheDir(env.get("CASHER_CACHE_DIR"), "environment variable CASHER_CACHE_DIR");
            s.put(CACHE_DIR, new Setting(CACHE_DIR, dir.toString(), "environment variable CASHER_CACHE_DIR"));
        } else {
            String xdg = env.get("XDG_CACHE_HOME");
            if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
                dir = Path.of(xdg, "casher");
                s.put(CACHE_DIR, new Setting(CACHE_DIR, dir.toString(), "default ($XDG_CACHE_HOME/casher)"));
            } else {
                dir = Path.of(props.getProperty("user.home"), ".cache", "casher");
                s.put(CACHE_DIR, new Setting(CACHE_DIR, dir.toString(), "default (~/.cache/casher)"));
            }
        }
        long max;
        if (explicit != null && explicit.maxCacheBytes != null) {
            max = explicit.maxCacheBytes;
            s.put(MAX_CACHE_BYTES, new Setting(MAX_CACHE_BYTES, Long.toString(max), "Casher.configure"));
        } else if (props.getProperty("casher.max-cache-bytes") != null) {
            String src = "system property casher.max-cache-bytes";
            max = parseSize(props.getProperty("casher.max-cache-bytes"), src);
            s.put(MAX_CACHE_BYTES, new Setting(MAX_CACHE_BYTES, Long.toString(max), src));
        } else if (env.get("CASHER_MAX_CACHE_BYTES") != null) {
            String src = "environment variable CASHER_MAX_CACHE_BYTES";
            max = parseSize(env.get("CASHER_MAX_CACHE_BYTES"), src);
            s.put(MAX_CACHE_BYTES, new Setting(MAX_CACHE_BYTES, Long.toString(max), src));
        } else {
            max = DEFAULT_MAX_CACHE_BYTES;
            s.put(MAX_CACHE_BYTES, new Setting(MAX_CACHE_BYTES, Long.toString(max), "default (32 GiB)"));
        }
        return new CasherConfig(dir, max, s);
    }
}
