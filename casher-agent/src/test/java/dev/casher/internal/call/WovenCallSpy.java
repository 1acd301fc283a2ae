package dev.casher.internal.call;

import static net.bytebuddy.matcher.ElementMatchers.named;

import java.lang.instrument.Instrumentation;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * Test double for the engine side of {@link WovenCall}: retransforms {@link CallEngine} so that
 * woven calls are logged and can be answered with a hit. Lives in the engine's package to build
 * its package-private hit token.
 */
public final class WovenCallSpy {
    /** What the woven code called, in order. */
    public static final List<String> CALLS = new CopyOnWriteArrayList<>();
    /** Whether the spy answers woven calls; off, the real engine does (other tests share the JVM). */
    public static volatile boolean active;
    /** When non-null, the next lookups are hits returning this value. */
    public static volatile Object hit;
    private static boolean installed;

    private WovenCallSpy() {}

    /** Installs the spy once. */
    public static synchronized void install(Instrumentation inst) {
        if (installed) {
            return;
        }
        new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .type(named("dev.casher.internal.call.CallEngine"))
                .transform((b, t, l, m, d) -> b
                        .visit(Advice.to(EnterSpy.class).on(named("enterWoven")))
                        .visit(Advice.to(ExitSpy.class).on(named("exitWoven"))))
                .installOn(inst);
        installed = true;
    }

    /** Called by the spied {@code enterWoven}. */
    public static Object onEnter(Class<?> owner, String method, String descriptor, Object self,
            Object[] args) {
        CALLS.add("enter " + owner.getSimpleName() + "." + method + descriptor + " self="
                + (self != null) + " args=" + Arrays.toString(args));
        Object h = hit;
        return h == null ? "miss-token" : new CallEngine.HitToken(h);
    }

    /** Called by the spied {@code exitWoven}. */
    public static void onExit(Object token, Object returned, Throwable thrown) {
        CALLS.add("exit " + token + " returned=" + returned + " thrown=" + thrown);
    }

    static final class EnterSpy {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Object enter(@Advice.Argument(0) Class<?> owner, @Advice.Argument(1) String method,
                @Advice.Argument(2) String descriptor, @Advice.Argument(3) Object self,
                @Advice.Argument(4) Object[] args) {
            return WovenCallSpy.active ? WovenCallSpy.onEnter(owner, method, descriptor, self, args) : null;
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter Object spied, @Advice.Return(readOnly = false) Object token) {
            if (spied != null) {
                token = spied;
            }
        }
    }

    static final class ExitSpy {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter(@Advice.Argument(0) Object token, @Advice.Argument(1) Object returned,
                @Advice.Argument(2) Throwable thrown) {
            if (!WovenCallSpy.active) {
                return false;
            }
            WovenCallSpy.onExit(token, returned, thrown);
            return true;
        }
    }
}
