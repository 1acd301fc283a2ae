package dev.casher.internal.fingerprint.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casher.internal.fingerprint.code.TestApps.Sources;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles real variants of a small application, loads each in a fresh class loader and checks
 * which edits change the fingerprint of {@code app.Main.compute(int)}.
 */
class CodeFingerprinterTest {
    private static final String MAIN = SampleApp.MAIN;
    private static final Sources BASE = SampleApp.BASE;
    private static final Sources LIB = SampleApp.LIB;
    private static final String COMPUTE = "app/Main.compute(I)I";
    @TempDir
    static Path tmp;

    private static final AtomicInteger BUILDS = new AtomicInteger();
    private static final CodeFingerprinter FINGERPRINTER = new CodeFingerprinter();
    private static Path libV1;
    private static CodeFingerprint base;

    @BeforeAll
    static void buildBase() throws Exception {
        libV1 = library(LIB, "1.0");
        base = fingerprint(BASE, libV1);
    }

    @Test
    void cachedMethodEdited_isDifferent() throws Exception {
        CodeFingerprint edited = fingerprint(BASE.with(MAIN, "twice(x)", "twice(x + 1)"), libV1);

        assertThat(edited.digest()).isNotEqualTo(base.digest());
        assertThat(edited.describeChanges(base)).containsExactly("changed: " + COMPUTE);
    }

    @Test
    void calleeInAnotherClassEdited_isDifferent() throws Exception {
        CodeFingerprint edited = fingerprint(
                BASE.with("app/Helper.java", "x * 2", "x << 1"), libV1);

        assertThat(edited.describeChanges(base)).containsExactly("changed: app/Helper.twice(I)I");
    }

    @Test
    void lambdaBodyEdited_isDifferent_andOnlyTheLambdaChanged() throws Exception {
        CodeFingerprint edited = fingerprint(BASE.with(MAIN, "v -> v + 1", "v -> v + 2"), libV1);

        assertThat(edited.describeChanges(base))
                .containsExactly("changed: " + COMPUTE + "/lambda#0(I)I");
    }

    @Test
    void methodPassedByReferenceEdited_isDifferent() throws Exception {
        CodeFingerprint edited = fingerprint(BASE.with(MAIN, "v * v", "v * v * v"), libV1);

        assertThat(edited.describeChanges(base)).containsExactly("changed: app/Main.square(I)I");
    }

    @Test
    void inlinedStaticFinalConstantChanged_isDifferent() throws Exception {
        CodeFingerprint edited = fingerprint(
                BASE.with("app/Config.java", "FACTOR = 3", "FACTOR = 4"), libV1);

        // javac copied the constant into compute(); Config is never touched at run time
        assertThat(edited.describeChanges(base)).contains("changed: " + COMPUTE);
    }

    @Test
    void staticFieldInitialiserChanged_isDifferent() throws Exception {
        CodeFingerprint edited = fingerprint(
                BASE.with("app/Config.java", "List.of(\"a\", \"b\")", "List.of(\"a\")"), libV1);

        assertThat(edited.describeChanges(base)).containsExactly("changed: app/Config.<clinit>()V");
    }

    @Test
    void unrelatedMethodOfSameClassEdited_isSame() throws Exception {
        CodeFingerprint edited = fingerprint(BASE.with(MAIN, "x - 1", "x - 2"), libV1);

        assertThat(edited).isEqualTo(base);
    }

    @Test
    void unrelatedLambdaAddedBeforeTheCachedMethod_isSame() throws Exception {
        // javac numbers lambdas per class: compute's lambda becomes lambda$compute$1
        CodeFingerprint edited = fingerprint(BASE.with(MAIN, "return x - 1;",
                "IntUnaryOperator f = y -> y * 7;\n        return f.applyAsInt(x) - 1;"), libV1);

        assertThat(edited.digest()).isEqualTo(base.digest());
    }

    @Test
    void commentsAndBlankLinesShiftingLineNumbers_isSame() throws Exception {
        Sources reformatted = BASE
                .with(MAIN, "public class Main {", "// header\n\n\npublic class Main {\n\n")
                .with(MAIN, "int a = ", "// why\n\n        int a =\n            ")
                .with("app/Helper.java", "return x * 2;", "/* doubled */\n\n        return x * 2;");

        assertThat(fingerprint(reformatted, libV1)).isEqualTo(base);
    }

    @Test
    void sameSourcesRebuilt_isSame() throws Exception {
        assertThat(fingerprint(BASE, libV1)).isEqualTo(base);
    }

    @Test
    void implementationBehindInterfaceSwapped_isDifferent() throws Exception {
        CodeFingerprint edited = fingerprint(
                BASE.with("app/HelloGreeter.java", "\"hello \"", "\"hi \""), libV1);

        assertThat(edited.describeChanges(base))
                .containsExactly("changed: app/HelloGreeter.greet(I)Ljava/lang/String;");
    }

    @Test
    void newImplementationOfCalledInterfaceAdded_isDifferent() throws Exception {
        CodeFingerprint edited = fingerprint(BASE.plus("app/LoudGreeter.java", """
                package app;

                public class LoudGreeter implements Greeter {
                    @Override
                    public String greet(int x) {
                        return "HELLO " + x;
                    }
                }
                """), libV1);

        assertThat(edited.describeChanges(base))
                .contains("added: app/LoudGreeter.greet(I)Ljava/lang/String;");
    }

    @Test
    void overrideCalledBackByJdkEdited_isDifferent() throws Exception {
        CodeFingerprint edited = fingerprint(
                BASE.with("app/Box.java", "\"Box\" + v", "\"Bx\" + v"), libV1);

        assertThat(edited.describeChanges(base))
                .containsExactly("changed: app/Box.toString()Ljava/lang/String;");
    }

    @Test
    void overrideCalledBackByInheritedJdkMethod_isIncluded() throws Exception {
        Sources worker = Sources.of("app/Worker.java", """
                package app;

                public class Worker extends Thread {
                    private int result;

                    public int go() throws InterruptedException {
                        start();
                        join();
                        return result;
                    }

                    @Override
                    public void run() {
                        result = 42;
                    }
                }
                """);
        CodeFingerprint v1 = fingerprint(worker, libV1, "app.Worker", "go", "()I");
        CodeFingerprint v2 = fingerprint(worker.with("app/Worker.java", "42", "43"), libV1,
                "app.Worker", "go", "()I");

        assertThat(v2.describeChanges(v1)).containsExactly("changed: app/Worker.run()V");
    }

    @Test
    void libraryJarUpgraded_isDifferent() throws Exception {
        Path libV2 = library(LIB.with("lib/Util.java", "x + 1", "x + 2"), "1.1");

        CodeFingerprint upgraded = fingerprint(BASE, libV2);

        assertThat(base.libraries().get("org.example:util")).startsWith("org.example:util:1.0 sha256:");
        assertThat(upgraded.describeChanges(base)).singleElement().asString()
                .startsWith("library changed: org.example:util org.example:util:1.0 sha256:")
                .contains(" -> org.example:util:1.1 sha256:");
    }

    @Test
    void libraryJarRebuiltUnderTheSameReleaseVersion_isDifferent() throws Exception {
        Path rebuilt = library(LIB.with("lib/Util.java", "x + 1", "x + 2"), "1.0");

        CodeFingerprint again = fingerprint(BASE, rebuilt);

        assertThat(again.digest()).isNotEqualTo(base.digest());
    }

    @Test
    void libraryJarWithoutPomChanged_isDifferent_keyedBySha256() throws Exception {
        CodeFingerprint v1 = fingerprint(BASE, library(LIB, null));
        CodeFingerprint v2 = fingerprint(BASE, library(LIB.with("lib/Util.java", "x + 1", "x + 3"),
                null));

        assertThat(v1.libraries().values()).anyMatch(id -> id.startsWith("sha256:"));
        assertThat(v2.digest()).isNotEqualTo(v1.digest());
    }

    @Test
    void applicationRunFromItsOwnJar_isWalked_notKeyedByIdentity() throws Exception {
        CodeFingerprint v1 = fingerprintJar(BASE);
        CodeFingerprint v2 = fingerprintJar(BASE.with("app/Helper.java", "x * 2", "x << 1"));

        assertThat(v1.methods()).containsKey("app/Helper.twice(I)I");
        assertThat(v2.describeChanges(v1)).containsExactly("changed: app/Helper.twice(I)I");
    }

    @Test
    void constructorOfImplementationFoundByHierarchy_isIncluded() throws Exception {
        CodeFingerprint edited = fingerprint(BASE.with("app/HelloGreeter.java",
                "    @Override", "    private final int seed = 1;\n\n    @Override"),
                libV1);

        assertThat(base.methods()).containsKey("app/HelloGreeter.<init>()V");
        assertThat(edited.describeChanges(base))
                .containsExactly("changed: app/HelloGreeter.<init>()V");
    }

    @Test
    void directoryRebuiltInPlace_newLoader_seesNewImplementation() throws Exception {
        Path out = tmp.resolve("inplace");
        TestApps.compile(BASE, out, List.of(libV1));
        CodeFingerprint before;
        try (URLClassLoader loader = TestApps.loader(List.of(out, libV1))) {
            before = FINGERPRINTER.fingerprint(loader.loadClass("app.Main"), "compute", "(I)I");
        }
        TestApps.compile(BASE.plus("app/LoudGreeter.java",
                "package app;\npublic class LoudGreeter extends HelloGreeter {\n"
                + "    @Override public String greet(int x) { return \"HI\"; }\n}\n"),
                out, List.of(libV1));

        try (URLClassLoader loader = TestApps.loader(List.of(out, libV1))) {
            CodeFingerprint after =
                    FINGERPRINTER.fingerprint(loader.loadClass("app.Main"), "compute", "(I)I");

            assertThat(after.describeChanges(before))
                    .contains("added: app/LoudGreeter.greet(I)Ljava/lang/String;");
        }
    }

    @Test
    void concurrentCallers_getEqualFingerprints() throws Exception {
        Path out = TestApps.compile(BASE, tmp.resolve("concurrent"), List.of(libV1));
        try (URLClassLoader loader = TestApps.loader(List.of(out, libV1))) {
            Class<?> main = loader.loadClass("app.Main");
            CodeFingerprinter fingerprinter = new CodeFingerprinter();
            List<java.util.concurrent.CompletableFuture<CodeFingerprint>> calls =
                    java.util.stream.IntStream.range(0, 8).mapToObj(i ->
                            java.util.concurrent.CompletableFuture.supplyAsync(
                                    () -> fingerprinter.fingerprint(main, "compute", "(I)I")))
                            .toList();

            for (var call : calls) {
                assertThat(call.get()).isEqualTo(base);
            }
        }
    }

    @Test
    void fingerprint_recordsJdkFeatureVersion_andLibraryCode_isNotWalked() {
        assertThat(base.libraries())
                .containsEntry("jdk", "java " + Runtime.version().feature());
        assertThat(base.methods().keySet()).noneMatch(k -> k.startsWith("lib/"))
                .noneMatch(k -> k.startsWith("java/"));
    }

    @Test
    void fingerprint_isMemoisedPerMethod() throws Exception {
        Path out = TestApps.compile(BASE, tmp.resolve("memo"), List.of(libV1));
        try (URLClassLoader loader = TestApps.loader(List.of(out, libV1))) {
            Class<?> main = loader.loadClass("app.Main");
            CodeFingerprinter fingerprinter = new CodeFingerprinter();

            assertThat(fingerprinter.fingerprint(main, "compute", "(I)I"))
                    .isSameAs(fingerprinter.fingerprint(main, "compute", "(I)I"));
        }
    }

    @Test
    void undeclaredMethod_throws_namingIt() throws Exception {
        Path out = TestApps.compile(BASE, tmp.resolve("undeclared"), List.of(libV1));
        try (URLClassLoader loader = TestApps.loader(List.of(out, libV1))) {
            Class<?> main = loader.loadClass("app.Main");

            assertThatThrownBy(() -> FINGERPRINTER.fingerprint(main, "nope", "()V"))
                    .isInstanceOf(CodeFingerprintException.class)
                    .hasMessageContaining("nope()V");
        }
    }

    @Test
    void reflectedMethod_isSameAsNamedMethod() throws Exception {
        Path out = TestApps.compile(BASE, tmp.resolve("reflected"), List.of(libV1));
        try (URLClassLoader loader = TestApps.loader(List.of(out, libV1))) {
            Class<?> main = loader.loadClass("app.Main");

            assertThat(FINGERPRINTER.fingerprint(main.getMethod("compute", int.class)))
                    .isEqualTo(base);
        }
    }

    @Test
    void hiddenClass_throws_insteadOfAnEmptyFingerprint() {
        java.util.function.IntUnaryOperator lambda = v -> v + 1;

        assertThatThrownBy(() -> FINGERPRINTER.fingerprint(lambda.getClass(), "applyAsInt",
                "(I)I")).isInstanceOf(CodeFingerprintException.class)
                .hasMessageContaining("hidden");
    }

    private static CodeFingerprint fingerprint(Sources sources, Path lib) throws Exception {
        return fingerprint(sources, lib, "app.Main", "compute", "(I)I");
    }

    private static CodeFingerprint fingerprint(Sources sources, Path lib, String className,
            String method, String descriptor) throws Exception {
        Path out = TestApps.compile(sources, tmp.resolve("app" + BUILDS.incrementAndGet()),
                List.of(lib));
        try (URLClassLoader loader = TestApps.loader(List.of(out, lib))) {
            return FINGERPRINTER.fingerprint(loader.loadClass(className), method, descriptor);
        }
    }

    private static CodeFingerprint fingerprintJar(Sources sources) throws Exception {
        int n = BUILDS.incrementAndGet();
        Path classes = TestApps.compile(sources, tmp.resolve("jarapp" + n), List.of(libV1));
        Path jar = TestApps.jar(classes, tmp.resolve("app-" + n + ".jar"), "org.example", "app",
                "1.0");
        try (URLClassLoader loader = TestApps.loader(List.of(jar, libV1))) {
            return FINGERPRINTER.fingerprint(loader.loadClass("app.Main"), "compute", "(I)I");
        }
    }

    private static Path library(Sources sources, String version) throws IOException {
        int n = BUILDS.incrementAndGet();
        Path classes = TestApps.compile(sources, tmp.resolve("lib" + n), List.of());
        return TestApps.jar(classes, tmp.resolve("util-" + n + ".jar"),
                "org.example", "util", version);
    }
}
