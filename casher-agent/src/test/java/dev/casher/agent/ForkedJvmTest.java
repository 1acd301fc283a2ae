package dev.casher.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The matrix in fresh JVMs: JDK 17 self-attach (no -javaagent; install through the service),
 * and the Temurin 25 JDK with -javaagent and with self-attach, when that JDK is present.
 */
class ForkedJvmTest {
    private static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    record Run(int exit, String out, String err) {}

    private static Run fork(Path java, List<String> jvmArgs, String mode) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ProbeMain.class.getName());
        cmd.add(mode);
        Path out = Files.createTempFile("probe", ".out");
        Path err = Files.createTempFile("probe", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("probe finished").isTrue();
            return new Run(p.exitValue(), read(out), read(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    private static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private static void assertPassed(Run r) {
        assertThat(r.out()).as(r.out() + r.err()).contains("RESULT ok=").contains("fail=0");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
    }

    @Test
    void selfAttach_currentJdk_matrixAndWeavingOfPreloadedClassPass() throws Exception {
        Run r = fork(currentJava(), List.of(), "selfattach");
        assertPassed(r);
    }

    @Test
    void javaagent_jdk25_matrixPassesWithoutWarnings() throws Exception {
        assumeTrue(Files.isExecutable(JDK25), "Temurin 25 not installed");
        Run r = fork(JDK25, List.of("-javaagent:" + System.getProperty("casher.test.agentJar")),
                "agent");
        assertPassed(r);
        assertThat(r.err()).doesNotContain("WARNING");
    }

    @Test
    void selfAttach_jdk25_withDynamicLoadingEnabled_passesWithoutWarnings() throws Exception {
        assumeTrue(Files.isExecutable(JDK25), "Temurin 25 not installed");
        Run r = fork(JDK25, List.of("-XX:+EnableDynamicAgentLoading"), "selfattach");
        assertPassed(r);
        assertThat(r.err()).doesNotContain("WARNING");
    }
}
