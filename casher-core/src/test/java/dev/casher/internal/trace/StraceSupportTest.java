package dev.casher.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Detection of a working strace, and the argv that runs a command under it. */
class StraceSupportTest {

    @Test
    void detect_isMemoised_andConsistent() {
        StraceSupport s = StraceSupport.detect();
        assertThat(StraceSupport.detect()).isSameAs(s);
        assertThat(s.usable()).isEqualTo(s.problem() == null);
        if (s.usable()) {
            assertThat(s.strace()).isNotNull();
            assertThat(s.ptraceAllowed()).isTrue();
            assertThat(s.version()).matches("\\d+\\.\\d+.*");
        } else {
            assertThat(s.problem()).doesNotContain("\n");
        }
    }

    @Test
    void probe_missingBinary_explainsHowToFix() {
        StraceSupport s = StraceSupport.probe(Path.of("/nonexistent/strace"));
        assertThat(s.usable()).isFalse();
        assertThat(s.problem()).contains("strace not found").contains("install");
    }

    @Test
    void probe_binaryThatIsNotStrace_isNotUsable() {
        StraceSupport s = StraceSupport.probe(Path.of("/bin/false"));
        Assumptions.assumeTrue(s.strace() != null, "no /bin/false here");
        assertThat(s.usable()).isFalse();
        assertThat(s.problem()).isNotBlank();
    }

    @Test
    void wrap_buildsTheMeasuredOptionSet() {
        StraceSupport s = new StraceSupport(Path.of("/usr/bin/strace"), "6.1", true, true, null);
        List<String> argv = StraceCommand.wrap(s, List.of("make", "-j2"), Path.of("/t/trace"));
        assertThat(argv).containsExactly("/usr/bin/strace", "-f", "--seccomp-bpf", "-qq", "-e",
                "signal=none", "-y", "-xx", "-X", "raw", "-s", "4096", "-e",
                "trace=%file,%process,getdents64,getdents,fchdir", "-o", "/t/trace", "--",
                "make", "-j2");
    }

    @Test
    void wrap_withoutSeccompBpf_omitsTheOption() {
        StraceSupport s = new StraceSupport(Path.of("/usr/bin/strace"), "5.2", false, true, null);
        assertThat(StraceCommand.wrap(s, List.of("true"), Path.of("/t"))).doesNotContain(
                "--seccomp-bpf");
    }

    @Test
    void wrap_relativeTraceFile_isRejected() {
        StraceSupport s = new StraceSupport(Path.of("/usr/bin/strace"), "6.1", true, true, null);
        assertThatThrownBy(() -> StraceCommand.wrap(s, List.of("true"), Path.of("|cat")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wrap_unusableSupport_failsWithItsProblem() {
        StraceSupport s = new StraceSupport(null, null, false, false, "ptrace is not permitted");
        assertThatThrownBy(() -> StraceCommand.wrap(s, List.of("true"), Path.of("/t")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ptrace is not permitted");
    }

    @Test
    void record_rejectsUsableWithoutBinary_andMultiLineProblems() {
        assertThatThrownBy(() -> new StraceSupport(null, "6.1", true, true, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StraceSupport(null, null, false, false, "a\nb"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
