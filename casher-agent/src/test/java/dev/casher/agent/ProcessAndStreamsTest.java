package dev.casher.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casher.internal.record.OutputChunk;
import dev.casher.internal.record.Recording;
import dev.casher.internal.record.StreamTag;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Unattributed child processes taint recordings; stdout/stderr are teed into the writing call's
 * recording.
 */
class ProcessAndStreamsTest {
    @BeforeAll
    static void install() {
        CasherAgent.install();
        // Surefire replaced System.out/err after premain, as any framework may: wrap again.
        TeeStreams.install();
    }

    @Test
    void processStart_onAThreadWithNoChain_taintsTheOpenRecordings() throws Exception {
        // A thread started before the recording opened carries no chain.
        CountDownLatch go = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                go.await();
                new ProcessBuilder("true").start().waitFor();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        t.start();
        Recording.Snapshot s = Recorded.run(() -> {
            go.countDown();
            t.join();
        });
        assertThat(s.taints())
                .anyMatch(r -> r.startsWith("untraced subprocess: true (unattributed"));
    }

    @Test
    void tee_installedAgainAfterSystemOutWasReplaced_isRecognised() {
        assertThat(TeeStreams.installed()).isTrue();
    }

    @Test
    void stdoutAndStderr_ofTheCallAndItsThreads_areCaptured_inOrder() throws Exception {
        Recording.Snapshot s = Recorded.run(() -> {
            System.out.print("out1");
            System.err.print("err1");
            Thread t = new Thread(() -> System.out.println("from thread"));
            t.start();
            t.join();
        });
        List<OutputChunk> chunks = s.chunks();
        assertThat(chunks).extracting(OutputChunk::stream)
                .containsExactly(StreamTag.STDOUT, StreamTag.STDERR, StreamTag.STDOUT);
        assertThat(text(chunks.get(0))).isEqualTo("out1");
        assertThat(text(chunks.get(1))).isEqualTo("err1");
        assertThat(text(chunks.get(2))).isEqualTo("from thread" + System.lineSeparator());
    }

    @Test
    void outputOutsideAnyRecording_passesThroughOnly() throws Exception {
        System.out.println("not captured");
        Recording.Snapshot s = Recorded.run(() -> { });
        assertThat(s.chunks()).isEmpty();
    }

    private static String text(OutputChunk c) {
        return new String(c.bytes(), StandardCharsets.UTF_8);
    }
}
