package dev.casher.agent;

import dev.casher.Cached;
import java.util.List;

/** Methods woven for {@link Cached}: primitives, references, void, static, instance, throwing. */
public class CachedSample {
    /** How often a body ran. */
    public static int bodyRuns;

    @Cached
    public static int square(int x) {
        bodyRuns++;
        return x * x;
    }

    @Cached
    public static double half(double x) {
        bodyRuns++;
        return x / 2;
    }

    @Cached
    public String greet(String name) {
        bodyRuns++;
        return "hi " + name;
    }

    @Cached
    public static void append(List<String> out) {
        bodyRuns++;
        out.add("ran");
    }

    @Cached
    public static long fail(RuntimeException e) {
        bodyRuns++;
        throw e;
    }

    /** Not annotated: never woven. */
    public static int plain(int x) {
        bodyRuns++;
        return x;
    }
}
