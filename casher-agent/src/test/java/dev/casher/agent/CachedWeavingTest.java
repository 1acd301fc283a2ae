package dev.casher.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casher.internal.call.WovenCallSpy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Methods annotated @Cached follow the WovenCall protocol exactly. */
class CachedWeavingTest {
    @BeforeAll
    static void install() {
        CasherAgent.install();
        WovenCallSpy.install(CasherAgent.instrumentation());
    }

    @BeforeEach
    void reset() {
        WovenCallSpy.CALLS.clear();
        WovenCallSpy.hit = null;
        WovenCallSpy.active = true;
        CachedSample.bodyRuns = 0;
    }

    @AfterEach
    void deactivate() {
        WovenCallSpy.active = false;
        WovenCallSpy.CALLS.clear();
        WovenCallSpy.hit = null;
    }

    @Test
    void staticPrimitive_miss_runsBodyAndReportsResult() {
        assertThat(CachedSample.square(3)).isEqualTo(9);
        assertThat(CachedSample.bodyRuns).isEqualTo(1);
        assertThat(WovenCallSpy.CALLS).containsExactly(
                "enter CachedSample.square(I)I self=false args=[3]",
                "exit miss-token returned=9 thrown=null");
    }

    @Test
    void staticPrimitive_hit_skipsBodyAndReturnsUnboxedValue() {
        WovenCallSpy.hit = 42;
        assertThat(CachedSample.square(3)).isEqualTo(42);
        WovenCallSpy.hit = 1.25d;
        assertThat(CachedSample.half(8)).isEqualTo(1.25d);
        assertThat(CachedSample.bodyRuns).isZero();
        assertThat(WovenCallSpy.CALLS).hasSize(2).allMatch(c -> c.startsWith("enter "));
    }

    @Test
    void instanceMethod_passesReceiver_andHitReturnsReference() {
        CachedSample s = new CachedSample();
        assertThat(s.greet("ann")).isEqualTo("hi ann");
        WovenCallSpy.hit = "cached";
        assertThat(s.greet("bob")).isEqualTo("cached");
        assertThat(CachedSample.bodyRuns).isEqualTo(1);
        assertThat(WovenCallSpy.CALLS.get(0)).isEqualTo("enter CachedSample.greet"
                + "(Ljava/lang/String;)Ljava/lang/String; self=true args=[ann]");
    }

    @Test
    void voidMethod_missRunsBody_hitSkipsIt() {
        List<String> out = new ArrayList<>();
        CachedSample.append(out);
        assertThat(out).containsExactly("ran");
        assertThat(WovenCallSpy.CALLS.get(1))
                .isEqualTo("exit miss-token returned=null thrown=null");
        WovenCallSpy.hit = Boolean.TRUE;
        CachedSample.append(out);
        assertThat(out).containsExactly("ran");
    }

    @Test
    void thrownException_propagatesUnchanged_andReachesExit() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> CachedSample.fail(boom)).isSameAs(boom);
        assertThat(WovenCallSpy.CALLS).last().asString()
                .isEqualTo("exit miss-token returned=null thrown=" + boom);
    }

    @Test
    void unannotatedMethod_isNotWoven() {
        assertThat(CachedSample.plain(5)).isEqualTo(5);
        assertThat(WovenCallSpy.CALLS).isEmpty();
    }
}
