package dev.casher.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds small library jars at test time, as a user's build would. */
final class JarTestSupport {
    private JarTestSupport() {}

    /**
     * Writes {@code jar} holding {@code dev.casher.agent.jarlib.Lib} whose {@code value()} returns
     * {@code value}, with a {@code pom.properties} naming {@code g:lib:version}.
     */
    static Path libJar(Path jar, String value, String version) throws IOException {
        Path src = Files.createTempDirectory("libsrc");
        Path pkg = Files.createDirectories(src.resolve("dev/casher/agent/jarlib"));
        Path java = Files.writeString(pkg.resolve("Lib.java"), "package dev.casher.agent.jarlib;\n"
                + "public final class Lib { private Lib() {}\n"
                + "  public static String value() { return \"" + value + "\"; } }\n");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "--release", "17", "-d", src.toString(), java.toString());
        if (rc != 0) {
            throw new IOException("javac failed: " + rc);
        }
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "META-INF/maven/g/lib/pom.properties",
                    ("groupId=g\nartifactId=lib\nversion=" + version + "\n").getBytes(StandardCharsets.UTF_8));
            put(out, "dev/casher/agent/jarlib/Lib.class",
                    Files.readAllBytes(pkg.resolve("Lib.class")));
        }
        return jar;
    }

    static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    /** Writes {@code jar} with text entries {@code name → content}. */
    static Path dataJar(Path jar, List<String> namesAndContents) throws IOException {
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os)) {
            for (int i = 0; i < namesAndContents.size(); i += 2) {
                put(out, namesAndContents.get(i), namesAndContents.get(i + 1).getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }
}
