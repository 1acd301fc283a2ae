package dev.casher.agent;

import dev.casher.internal.call.WovenCall;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Advice woven into methods annotated {@code @dev.casher.Cached}, following the
 * {@link WovenCall} protocol: {@code enter} before the body; on a hit the body is skipped and
 * {@code hitValue} returned; otherwise {@code exit} receives the body's value or throwable, which
 * then propagates unchanged. Two variants, because a {@code void} method has no return value to
 * bind.
 *
 * <p>The enter advice returns {@code {hitMarker, token}}; a non-null element 0 skips the body.
 * Usage errors from {@code WovenCall.enter} (an argument that cannot be fingerprinted) propagate
 * to the caller on purpose; nothing is suppressed here.
 */
final class CachedAdvice {
    private CachedAdvice() {}

    /** For methods that return a value (primitive or reference). */
    static final class Valued {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, skipOnIndex = 0)
        static Object[] enter(@Advice.Origin Class<?> owner, @Advice.Origin("#m") String name,
                @Advice.Origin("#d") String descriptor, @Advice.This(optional = true) Object self,
                @Advice.AllArguments Object[] args) {
            Object token = WovenCall.enter(owner, name, descriptor, self, args);
            return new Object[] {WovenCall.isHit(token) ? Boolean.TRUE : null, token};
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object[] entered,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object value,
                @Advice.Thrown Throwable thrown) {
            if (entered[0] != null) {
                value = WovenCall.hitValue(entered[1]);
            } else {
                WovenCall.exit(entered[1], thrown == null ? value : null, thrown);
            }
        }
    }

    /** For {@code void} methods. */
    static final class Void {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, skipOnIndex = 0)
        static Object[] enter(@Advice.Origin Class<?> owner, @Advice.Origin("#m") String name,
                @Advice.Origin("#d") String descriptor, @Advice.This(optional = true) Object self,
                @Advice.AllArguments Object[] args) {
            Object token = WovenCall.enter(owner, name, descriptor, self, args);
            return new Object[] {WovenCall.isHit(token) ? Boolean.TRUE : null, token};
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object[] entered, @Advice.Thrown Throwable thrown) {
            if (entered[0] == null) {
                WovenCall.exit(entered[1], null, thrown);
            }
        }
    }
}
