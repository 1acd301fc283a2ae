package dev.casher.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java examples users copy — the README's {@code ```java} blocks and the
 * {@code <pre>{@code ...}</pre>} examples in the public API's javadoc — compile against the
 * current API, so they cannot rot.
 *
 * <p>Each document becomes one compilation unit: its type declarations as member types, each
 * other snippet as the body of a method, {@code { ... }} as a body that throws. Javadoc
 * examples may use {@code Pipeline.train(String, String, double)}, the README's example
 * method, supplied when the document does not declare it.
 */
class DocSnippetsCompileTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern MARKDOWN = Pattern.compile("(?ms)^```java\\n(.*?)^```");
    private static final Pattern JAVADOC = Pattern.compile("(?s)<pre>\\{@code\\n(.*?)\\n\\s*\\*\\s*}</pre>");
    private static final Pattern TYPE = Pattern.compile(
            "^(@\\w+.*|(public |final |abstract |sealed |static )*(class|record|interface|enum) .*)");
    private static final String IMPORTS = "import dev.casher.*;\nimport java.io.*;\nimport java.nio.file.*;\n"
            + "import java.util.*;\nimport java.util.function.*;\n";
    private static final String PIPELINE = "public static class Pipeline {\n"
            + "    public static Map<String, Object> train(String dataPath, String outputPath, double lr) {\n"
            + "        return Map.of(\"lr\", lr);\n    }\n}\n";

    @TempDir
    Path out;

    @Test
    void readmeSnippets_compile() throws IOException {
        List<String> snippets = snippets(MARKDOWN, Files.readString(ROOT.resolve("README.md")), false);
        assertThat(snippets).as("the README has Java examples").hasSizeGreaterThanOrEqualTo(3);
        assertCompiles(List.of(unit("Readme", snippets)));
    }

    @Test
    void javadocExamplesOfThePublicApi_compile() throws IOException {
        List<JavaFileObject> units = new ArrayList<>();
        for (Path dir : List.of(ROOT.resolve("casher-core/src/main/java/dev/casher"),
                ROOT.resolve("casher-core/src/main/java/dev/casher/spi"),
                ROOT.resolve("casher-agent/src/main/java/dev/casher/agent"))) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    List<String> snippets = snippets(JAVADOC, Files.readString(f), true);
                    if (!snippets.isEmpty()) {
                        String name = "Javadoc" + f.getFileName().toString().replace(".java", "");
                        units.add(unit(name, snippets));
                    }
                }
            }
        }
        assertThat(units).as("Casher, CallOptions and CacheKey have examples").hasSizeGreaterThanOrEqualTo(3);
        assertCompiles(units);
    }

    private static List<String> snippets(Pattern p, String text, boolean javadoc) {
        List<String> found = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            String s = m.group(1);
            if (javadoc) {
                s = s.replaceAll("(?m)^\\s*\\* ?", "").replace("&#64;", "@").replace("{@literal @}", "@");
            }
            found.add(s);
        }
        return found;
    }

    /** One class holding a document's snippets: declarations as members, statements as methods. */
    static JavaFileObject unit(String name, List<String> snippets) {
        StringBuilder members = new StringBuilder();
        int n = 0;
        for (String snippet : snippets) {
            StringBuilder statements = new StringBuilder();
            StringBuilder target = statements;
            int depth = 0;
            for (String line : snippet.replace("{ ... }", "{ throw new UnsupportedOperationException(); }")
                    .split("\n", -1)) {
                if (depth == 0) {
                    target = TYPE.matcher(line).matches() ? members : statements;
                }
                target.append(line).append('\n');
                depth += count(line, '{') - count(line, '}');
            }
            if (!statements.toString().isBlank()) {
                members.append("void snippet").append(++n).append("() throws Exception {\n")
                        .append(statements).append("}\n");
            }
        }
        if (!members.toString().contains("class Pipeline")) {
            members.append(PIPELINE);
        }
        String source = "package snippets;\n" + IMPORTS + "@SuppressWarnings(\"all\")\nclass " + name + " {\n"
                + members + "}\n";
        return new SimpleJavaFileObject(java.net.URI.create("string:///snippets/" + name + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
    }

    private static int count(String line, char c) {
        String code = line.replaceAll("\"([^\"\\\\]|\\\\.)*\"", "\"\"").replaceAll("//.*", "");
        return (int) code.chars().filter(x -> x == c).count();
    }

    private void assertCompiles(List<JavaFileObject> units) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("-proc:none", "-d", out.toString(), "-cp", System.getProperty("java.class.path"));
        boolean ok = javac.getTask(null, javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8),
                diagnostics, options, null, units).call();
        StringBuilder report = new StringBuilder();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                report.append(d.getSource().getName()).append(':').append(d.getLineNumber()).append(": ")
                        .append(d.getMessage(Locale.ROOT)).append('\n');
            }
        }
        for (JavaFileObject u : units) {
            report.append("---- ").append(u.getName()).append('\n');
            String[] lines = u.getCharContent(true).toString().split("\n");
            for (int i = 0; i < lines.length; i++) {
                report.append(String.format(Locale.ROOT, "%3d  %s%n", i + 1, lines[i]));
            }
        }
        assertThat(ok).as(report.toString()).isTrue();
    }
}
