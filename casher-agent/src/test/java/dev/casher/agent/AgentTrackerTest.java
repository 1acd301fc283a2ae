package dev.casher.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casher.agent.boot.IoHook;
import dev.casher.internal.record.EventKind;
import dev.casher.spi.InputTracker;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The tracker is a service, installs idempotently, and its hook lives in the boot loader. */
class AgentTrackerTest {
    @Test
    void serviceLoader_findsTheAgentTracker() {
        assertThat(ServiceLoader.load(InputTracker.class).stream().map(p -> p.get().name()))
                .contains("agent");
    }

    @Test
    void install_twice_isIdempotent() throws Exception {
        InputTracker t = new AgentTracker();
        t.install();
        long first = CasherAgent.installNanos();
        t.install();
        assertThat(CasherAgent.installed()).isTrue();
        assertThat(CasherAgent.installNanos()).isEqualTo(first);
    }

    @Test
    void hook_isDefinedByTheBootLoader_once() throws Exception {
        CasherAgent.install();
        assertThat(IoHook.class.getClassLoader()).isNull();
        assertThat(Class.forName(IoHook.class.getName(), false, getClass().getClassLoader()))
                .isSameAs(IoHook.class);
    }

    @Test
    void hookKindCodes_matchEventKindOrdinals() {
        assertThat(IoHook.READ).isEqualTo(EventKind.READ.ordinal());
        assertThat(IoHook.PROBE_MISSING).isEqualTo(EventKind.PROBE_MISSING.ordinal());
        assertThat(IoHook.LIST_DIR).isEqualTo(EventKind.LIST_DIR.ordinal());
        assertThat(IoHook.STAT).isEqualTo(EventKind.STAT.ordinal());
        assertThat(IoHook.WRITE).isEqualTo(EventKind.WRITE.ordinal());
        assertThat(IoHook.CREATE).isEqualTo(EventKind.CREATE.ordinal());
        assertThat(IoHook.MKDIR).isEqualTo(EventKind.MKDIR.ordinal());
        assertThat(IoHook.DELETE).isEqualTo(EventKind.DELETE.ordinal());
        assertThat(IoHook.RENAME_FROM).isEqualTo(EventKind.RENAME_FROM.ordinal());
        assertThat(IoHook.RENAME_TO).isEqualTo(EventKind.RENAME_TO.ordinal());
    }
}
