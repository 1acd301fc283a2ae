package dev.casher.internal.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casher.internal.lookup.FileDigester;
import dev.casher.internal.lookup.InputStates;
import dev.casher.internal.lookup.StatCache;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Traced children's events join a recording when they exit, ordered and checked for races. */
class RecordingChildrenTest {
    private static final Path X = Path.of("/work/x");
    private static final Path Y = Path.of("/work/y");

    private final Recording rec = new Recording(new InputStates(new FileDigester(StatCache.NONE)), 0);

    /** A child whose outcome the test sets: the recording only asks these three things. */
    private static final class Child implements Subprocess {
        volatile boolean running = true;
        volatile Result result = Result.empty();

        @Override
        public String command() {
            return "tool arg";
        }

        @Override
        public boolean running() {
            return running;
        }

        @Override
        public Result result() {
            return result;
        }

        void exit(FileEvent... events) {
            result = new Result(List.of(events), List.of());
            running = false;
        }
    }

    @Test
    void childExited_eventsFollowTheCallsEarlierOnes_writeThenReadIsOutputOnly() {
        Child c = new Child();
        rec.event(EventKind.CREATE, X);
        rec.childStarted(c);
        c.exit(FileEvent.of(EventKind.READ, X));
        rec.childExited(c);
        rec.event(EventKind.READ, Y);
        rec.finishChildren();
        Recording.Snapshot s = rec.snapshot();
        assertThat(s.taints()).isEmpty();
        assertThat(s.paths().get(X).observedBeforeMutated()).isFalse();
        assertThat(s.paths().keySet()).containsExactly(X, Y);
    }

    @Test
    void childWritesWhatTheCallReadBefore_isReadThenWritten_unknownPreState() {
        Child c = new Child();
        rec.event(EventKind.READ, X);
        rec.childStarted(c);
        c.exit(FileEvent.of(EventKind.WRITE, X));
        rec.finishChildren();
        Recording.Snapshot s = rec.snapshot();
        assertThat(s.paths().get(X).observedBeforeMutated()).isTrue();
        assertThat(s.paths().get(X).preState()).isNull();
    }

    @Test
    void callChangesAPathTheRunningChildRead_orderUnknown_taints() {
        Child c = new Child();
        rec.childStarted(c);
        rec.event(EventKind.WRITE, X);
        c.exit(FileEvent.of(EventKind.READ, X));
        rec.finishChildren();
        assertThat(rec.snapshot().taints()).containsExactly("the call and its subprocess used "
                + X + " concurrently, in an unknown order: tool arg");
    }

    @Test
    void callAndRunningChildOnlyRead_noTaint() {
        Child c = new Child();
        rec.childStarted(c);
        rec.event(EventKind.READ, X);
        c.exit(FileEvent.of(EventKind.READ, X), FileEvent.of(EventKind.EXEC, Y));
        rec.finishChildren();
        Recording.Snapshot s = rec.snapshot();
        assertThat(s.taints()).isEmpty();
        assertThat(s.paths().get(Y).kinds()).containsExactly(EventKind.EXEC);
    }

    @Test
    void childStillRunningAtFinish_taints_andItsLaterExitIsIgnored() {
        Child c = new Child();
        rec.childStarted(c);
        rec.finishChildren();
        c.exit(FileEvent.of(EventKind.WRITE, X));
        rec.childExited(c);
        Recording.Snapshot s = rec.snapshot();
        assertThat(s.taints()).containsExactly(
                "subprocess still running when the call returned: tool arg");
        assertThat(s.paths()).isEmpty();
    }

    @Test
    void childReasons_becomeTaints_andItMergesOnce() {
        Child c = new Child();
        rec.childStarted(c);
        c.result = new Subprocess.Result(List.of(FileEvent.of(EventKind.READ, X)),
                List.of("trace not understood"));
        c.running = false;
        rec.childExited(c);
        rec.childExited(c);
        rec.finishChildren();
        Recording.Snapshot s = rec.snapshot();
        assertThat(s.taints()).containsExactly("subprocess tool arg: trace not understood");
        assertThat(s.paths()).containsOnlyKeys(X);
    }
}
