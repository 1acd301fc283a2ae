package example;

import dev.casher.Cached;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a user caches: reads a file, writes a report, prints which JVM did the work. */
public final class WordCount {
    static final Path REPORT = Path.of("target/report.txt");

    private WordCount() {}

    /** Words in {@code file}; writes {@link #REPORT}. Cached through {@code Casher.wrap}. */
    public static int words(String file) throws IOException {
        int n = Files.readString(Path.of(file)).trim().split("\\s+").length;
        long pid = ProcessHandle.current().pid();
        Files.writeString(REPORT, n + " words, counted by pid " + pid + "\n");
        System.out.println("counted " + n + " words in pid " + pid);
        return n;
    }

    /** Lines in {@code file}. Cached as a {@code @Cached} method, woven by the agent. */
    @Cached
    public static int lines(String file) throws IOException {
        int n = Files.readAllLines(Path.of(file)).size();
        System.out.println("counted " + n + " lines in pid " + ProcessHandle.current().pid());
        return n;
    }
}
