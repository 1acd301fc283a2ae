package dev.casher.internal.fingerprint.code;

import dev.casher.internal.fingerprint.code.TestApps.Sources;

/**
 * The small application whose variants {@link CodeFingerprinterTest} compiles: {@code
 * app.Main.compute(int)} reaches a callee in another class, an inlined constant and a static
 * field of another class, a lambda, a method reference, an interface whose implementation is
 * created reflectively, a {@code toString} called back by the JDK, and a library jar.
 */
final class SampleApp {
    static final String MAIN = "app/Main.java";

    static final Sources BASE = Sources.of(
            MAIN, """
            package app;

            import java.util.function.IntUnaryOperator;

            public class Main {
                public static int unrelated(int x) {
                    return x - 1;
                }

                public static int compute(int x) {
                    int a = Helper.twice(x) * Config.FACTOR;
                    IntUnaryOperator inc = v -> v + 1;
                    IntUnaryOperator ref = Main::square;
                    Greeter g = Registry.greeter();
                    String box = String.valueOf(new Box(x));
                    return inc.applyAsInt(a) + ref.applyAsInt(x) + g.greet(x).length()
                            + box.length() + lib.Util.bump(x) + Config.NAMES.size();
                }

                static int square(int v) {
                    return v * v;
                }
            }
            """,
            "app/Helper.java", """
            package app;

            final class Helper {
                static int twice(int x) {
                    return x * 2;
                }
            }
            """,
            "app/Config.java", """
            package app;

            import java.util.List;

            final class Config {
                static final int FACTOR = 3;
                static final List<String> NAMES = List.of("a", "b");
            }
            """,
            "app/Greeter.java", """
            package app;

            public interface Greeter {
                String greet(int x);
            }
            """,
            "app/Registry.java", """
            package app;

            final class Registry {
                // reflective, so only the class hierarchy can find the implementation
                static Greeter greeter() {
                    try {
                        return (Greeter) Class.forName("app.HelloGreeter")
                                .getDeclaredConstructor().newInstance();
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            """,
            "app/HelloGreeter.java", """
            package app;

            public class HelloGreeter implements Greeter {
                @Override
                public String greet(int x) {
                    return "hello " + x;
                }
            }
            """,
            "app/Box.java", """
            package app;

            final class Box {
                private final int v;

                Box(int v) {
                    this.v = v;
                }

                @Override
                public String toString() {
                    return "Box" + v;
                }
            }
            """);
    static final Sources LIB = Sources.of("lib/Util.java", """
            package lib;

            public final class Util {
                public static int bump(int x) {
                    return x + 1;
                }
            }
            """);

    private SampleApp() {}
}
