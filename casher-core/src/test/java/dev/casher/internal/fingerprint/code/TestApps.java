package dev.casher.internal.fingerprint.code;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles small applications at test time and loads each build in a fresh class loader. */
final class TestApps {
    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();

    private TestApps() {}

    /** Source files by path ("app/Main.java"); {@link #with} derives variants. */
    record Sources(Map<String, String> files) {
        Sources {
            files = Map.copyOf(files);
        }

        static Sources of(String... pathThenText) {
            Map<String, String> files = new LinkedHashMap<>();
            for (int i = 0; i < pathThenText.length; i += 2) {
                files.put(pathThenText[i], pathThenText[i + 1]);
            }
            return new Sources(files);
        }

        /** A copy with {@code from} replaced by {@code to} in {@code file}; fails if absent. */
        Sources with(String file, String from, String to) {
            String text = files.get(file);
            if (text == null || !text.contains(from)) {
                throw new IllegalArgumentException(file + " does not contain " + from);
            }
            Map<String, String> copy = new LinkedHashMap<>(files);
            copy.put(file, text.replace(from, to));
            return new Sources(copy);
        }

        /** A copy with one more file. */
        Sources plus(String file, String text) {
            Map<String, String> copy = new LinkedHashMap<>(files);
            copy.put(file, text);
            return new Sources(copy);
        }
    }

    /** Compiles {@code sources} with full debug info into {@code out} against a class path. */
    static Path compile(Sources sources, Path out, List<Path> classPath) throws IOException {
        Path src = Files.createDirectories(out.resolveSibling(out.getFileName() + "-src"));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-g", "-nowarn",
                "-d", Files.createDirectories(out).toString()));
        if (!classPath.isEmpty()) {
            args.add("-cp");
            args.add(String.join(java.io.File.pathSeparator,
                    classPath.stream().map(Path::toString).toList()));
        }
        for (Map.Entry<String, String> e : sources.files().entrySet()) {
            Path file = src.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        StringWriter errors = new StringWriter();
        OutputStream sink = OutputStream.nullOutputStream();
        int rc = JAVAC.run(null, sink, new java.io.PrintStream(sink) {
            @Override
            public void write(byte[] b, int off, int len) {
                errors.write(new String(b, off, len, StandardCharsets.UTF_8));
            }
        }, args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("javac failed:\n" + errors);
        }
        return out;
    }

    /** Jars {@code classes} into {@code jar}, with a pom.properties when {@code gav} is given. */
    static Path jar(Path classes, Path jar, String group, String artifact, String version)
            throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
            if (version != null) {
                out.putNextEntry(new JarEntry(
                        "META-INF/maven/" + group + "/" + artifact + "/pom.properties"));
                out.write(("groupId=" + group + "\nartifactId=" + artifact + "\nversion="
                        + version + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** A fresh loader over {@code entries}, isolated from the test's own class path. */
    static URLClassLoader loader(List<Path> entries) {
        URL[] urls = entries.stream().map(p -> {
            try {
                return p.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(e);
            }
        }).toArray(URL[]::new);
        return new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
    }
}
