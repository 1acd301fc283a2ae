package dev.casher.internal.fingerprint.code;

import dev.casher.internal.util.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The identity of a library jar, which stands for all of its code in a fingerprint.
 *
 * <p>A jar is identified by {@code sha256:<hex>} of its bytes, always: a release version is no
 * proof of content (a jar rebuilt in place under the same {@code pom.properties} version must
 * not replay the old library's results). A jar with exactly one
 * {@code META-INF/maven/<group>/<artifact>/pom.properties} is named {@code group:artifact} and
 * its identity also shows {@code group:artifact:version}, for display; other jars are named by
 * their file name.
 *
 * <p>Hashing goes through {@link #digestWith the installed digester} (the cache's stat fast path,
 * so a hit in a new JVM does not re-read unchanged jars) and is memoised per jar path, size and
 * modification time for the life of the JVM. Thread-safe. An unreadable jar throws
 * {@link CodeFingerprintException}.
 */
final class JarIdentity {
    private static final Pattern POM =
            Pattern.compile("META-INF/maven/[^/]+/[^/]+/pom\\.properties");
    private static final Map<String, ClassOrigin.Library> MEMO = new ConcurrentHashMap<>();

    /** Hashes a jar; replaced by the cache's stat-cached digester when a cache is opened. */
    private static volatile CodeFingerprinter.JarDigester digester = Digest::ofFile;

    private JarIdentity() {}

    /** Makes jar digests go through {@code d} (e.g. a stat-cached file digester). */
    static void digestWith(CodeFingerprinter.JarDigester d) {
        digester = java.util.Objects.requireNonNull(d, "digester");
    }

    static ClassOrigin.Library of(Path jar) {
        Path path = jar.toAbsolutePath().normalize();
        String key;
        ClassOrigin.Library computed;
        try {
            // size and mtime in the key: a jar rebuilt in place and loaded by a new loader
            key = path + "|" + Files.size(path) + "|" + Files.getLastModifiedTime(path).toMillis();
            ClassOrigin.Library known = MEMO.get(key);
            if (known != null) {
                return known;
            }
            computed = compute(path);
        } catch (IOException e) {
            throw new CodeFingerprintException("cannot read library jar " + path + ": " + e, e);
        }
        ClassOrigin.Library raced = MEMO.putIfAbsent(key, computed);
        return raced != null ? raced : computed;
    }

    private static ClassOrigin.Library compute(Path jar) throws IOException {
        Properties pom = null;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<ZipEntry> poms = new ArrayList<>();
            zip.stream().filter(e -> POM.matcher(e.getName()).matches()).forEach(poms::add);
            if (poms.size() == 1) {
                pom = new Properties();
                try (InputStream in = zip.getInputStream(poms.get(0))) {
                    pom.load(in);
                }
            }
        }
        String group = pom == null ? null : pom.getProperty("groupId");
        String artifact = pom == null ? null : pom.getProperty("artifactId");
        String version = pom == null ? null : pom.getProperty("version");
        String sha = "sha256:" + digester.digest(jar).hex();
        if (group == null || artifact == null || version == null) {
            return new ClassOrigin.Library(jar.getFileName().toString(), sha);
        }
        // The coordinates are for people reading explain; the digest is what identifies the jar.
        return new ClassOrigin.Library(group + ":" + artifact, group + ":" + artifact + ":" + version + " " + sha);
    }
}
