package dev.casher.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The line protocol of worker processes and its reading. A worker prints {@code READY} once it
 * is set up, then per call the call's own stdout line ({@code OUT key hash}, printed by the body on
 * a miss and replayed on a hit) followed by {@code CALL key HIT|MISS|ERROR OK|WRONG:what}, and
 * {@code END} when done. A wrong replayed stdout shows as a {@code CALL} line not preceded by the
 * right {@code OUT} line. A killed worker's last line may be cut; it is ignored.
 *
 * @param calls complete calls
 * @param hits calls served from the cache
 * @param misses calls that ran
 * @param errors calls that threw (the cache must never make a call fail)
 * @param wrong calls whose value, file or stdout was wrong, with what was wrong
 * @param ended whether the worker printed {@code END}
 */
record WorkerLog(int calls, int hits, int misses, int errors, List<String> wrong, boolean ended) {
    static final String READY = "READY";
    static final String END = "END";

    /** The check line of one call. */
    static String callLine(int key, String outcome, String check) {
        return "CALL " + key + " " + outcome + " " + check;
    }

    /**
     * Reads a worker's stdout; {@code inputOf} gives the input content each key had while the
     * worker ran (to check the stdout lines).
     */
    static WorkerLog read(Path stdout,
            java.util.function.IntFunction<String> inputOf) throws IOException {
        String text = Files.readString(stdout, java.nio.charset.StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        // The last piece is "" after a final line break, or a line cut by a kill: ignored either way.
        lines.remove(lines.size() - 1);
        int calls = 0;
        int hits = 0;
        int misses = 0;
        int errors = 0;
        boolean ended = false;
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.equals(END)) {
                ended = true;
            }
            String[] f = line.split(" ", 4);
            if (!f[0].equals("CALL") || f.length < 4) {
                continue;
            }
            int key = Integer.parseInt(f[1]);
            calls++;
            switch (f[2]) {
                case "HIT" -> hits++;
                case "MISS" -> misses++;
                default -> errors++;
            }
            if (f[2].equals("ERROR")) {
                continue;
            }
            String expected = Workload.stdoutLine(key, inputOf.apply(key));
            if (i == 0 || !lines.get(i - 1).equals(expected)) {
                wrong.add("key " + key + " " + f[2] + ": stdout '"
                        + (i == 0 ? "" : lines.get(i - 1)) + "'");
            }
            if (!f[3].equals("OK")) {
                wrong.add("key " + key + " " + f[2] + ": " + f[3]);
            }
        }
        return new WorkerLog(calls, hits, misses, errors, List.copyOf(wrong), ended);
    }

    /** Whether {@code stdout} says the worker is set up and calling. */
    static boolean ready(Path stdout) throws IOException {
        if (!Files.exists(stdout)) {
            return false;
        }
        try (var in = Files.newInputStream(stdout)) {
            byte[] head = in.readNBytes(READY.length());
            return new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).equals(READY);
        }
    }
}
