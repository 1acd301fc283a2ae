package dev.casher.reliability;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The cached computation the suites run, and its correct results: for a key and the content of
 * its input file, the returned value, the bytes of the output file and the stdout line are pure
 * functions, so any process can tell a right replay from a wrong one. Sizes vary by key so that
 * a small cache limit forces eviction. Thread-safe (stateless).
 */
final class Workload {
    private Workload() {}

    /** The value the call returns. */
    static String value(int key, String input) {
        String head = "value " + key + " of " + hex(sha(input.getBytes(StandardCharsets.UTF_8)), 8)
                + " ";
        return head + "v".repeat(64 + (key * 131) % 700);
    }

    /** The content of the output file the call writes. */
    static byte[] fileContent(int key, String input) {
        byte[] seed = sha((key + "/" + input).getBytes(StandardCharsets.UTF_8));
        byte[] data = new byte[512 + (key * 769) % 6000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (seed[i % seed.length] + i * 7);
        }
        return data;
    }

    /** The line the call prints on stdout (without the line break). */
    static String stdoutLine(int key, String input) {
        return "OUT " + key + " " + hex(sha(fileContent(key, input)), 12);
    }

    private static byte[] sha(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] b, int chars) {
        return HexFormat.of().formatHex(b).substring(0, chars);
    }
}
