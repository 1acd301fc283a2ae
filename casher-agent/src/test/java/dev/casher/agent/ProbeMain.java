package dev.casher.agent;

import dev.casher.internal.call.WovenCallSpy;
import dev.casher.internal.record.EventKind;
import dev.casher.internal.record.Recording;
import dev.casher.spi.InputTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Runs the coverage matrix and the key attribution and weaving checks in a fresh JVM (forked by
 * {@link ForkedJvmTest}): with {@code -javaagent}, or with {@code selfattach}, where a class with
 * {@code @Cached} methods is loaded and called before the agent installs through the
 * {@link InputTracker} service. Prints one line per failure and {@code RESULT ok=N fail=M}.
 */
public final class ProbeMain {
    private ProbeMain() {}

    public static void main(String[] args) throws Exception {
        boolean selfAttach = args.length > 0 && args[0].equals("selfattach");
        List<String> failures = new ArrayList<>();
        int ok = 0;
        if (selfAttach) {
            CachedSample.square(2); // loaded and run before the agent exists
            long t0 = System.nanoTime();
            InputTracker tracker = ServiceLoader.load(InputTracker.class).findFirst().orElseThrow();
            tracker.install();
            System.out.println("attach+install-ms=" + (System.nanoTime() - t0) / 1_000_000);
        }
        System.out.println("install-ms=" + CasherAgent.installNanos() / 1_000_000);
        Path root = Files.createTempDirectory("casher-probe");
        for (IoMatrix.Scenario s : IoMatrix.scenarios()) {
            String problem = IoMatrix.check(s, root.resolve(s.name()));
            if (problem == null) {
                ok++;
            } else {
                failures.add(s.name() + ": " + problem);
            }
        }
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            files.add(Files.writeString(root.resolve("p" + i), "x").toAbsolutePath());
        }
        Recording.Snapshot s = Recorded.run(() -> files.parallelStream().forEach(p -> {
            try {
                Files.readAllBytes(p);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
        boolean allRead = files.stream().allMatch(p -> s.paths().containsKey(p)
                && s.paths().get(p).kinds().contains(EventKind.READ));
        if (allRead && s.taints().isEmpty()) {
            ok++;
        } else {
            failures.add("parallelStream: " + Recorded.kinds(s) + " " + s.taints());
        }
        WovenCallSpy.install(CasherAgent.instrumentation());
        WovenCallSpy.active = true;
        CachedSample.square(3);
        if (WovenCallSpy.CALLS.size() == 2) {
            ok++;
        } else {
            failures.add("@Cached class loaded before install is not woven: " + WovenCallSpy.CALLS);
        }
        failures.forEach(f -> System.out.println("FAIL " + f));
        System.out.println("RESULT ok=" + ok + " fail=" + failures.size());
        System.exit(failures.isEmpty() ? 0 : 1);
    }
}
