package dev.casher.internal.codec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The primitive pieces of the argument key encoding (big-endian integers, length-prefixed
 * strings and arrays), written into a digest through a small reused buffer. Not thread-safe; one
 * per {@link KeyWalk}.
 */
final class KeyBytes {
    private final byte[] buf = new byte[256];

    void primitiveArray(Object v, MessageDigest md) {
        if (v instanceof byte[] a) {
            md.update((byte) 'B');
            putBytes(md, a);
        } else if (v instanceof int[] a) {
            md.update((byte) 'I');
            putInt(md, a.length);
            for (int x : a) {
                putInt(md, x);
            }
        } else if (v instanceof long[] a) {
            md.update((byte) 'J');
            putInt(md, a.length);
            for (long x : a) {
                putLong(md, x);
            }
        } else if (v instanceof double[] a) {
            md.update((byte) 'D');
            putInt(md, a.length);
            for (double x : a) {
                putLong(md, Double.doubleToLongBits(x));
            }
        } else if (v instanceof float[] a) {
            md.update((byte) 'F');
            putInt(md, a.length);
            for (float x : a) {
                putInt(md, Float.floatToIntBits(x));
            }
        } else if (v instanceof char[] a) {
            md.update((byte) 'C');
            putString(md, new String(a));
        } else if (v instanceof short[] a) {
            md.update((byte) 'S');
            putInt(md, a.length);
            for (short x : a) {
                putInt(md, x);
            }
        } else {
            boolean[] a = (boolean[]) v;
            md.update((byte) 'Z');
            putInt(md, a.length);
            for (boolean x : a) {
                md.update((byte) (x ? 1 : 0));
            }
        }
    }

    void putInt(MessageDigest md, int v) {
        buf[0] = (byte) (v >>> 24);
        buf[1] = (byte) (v >>> 16);
        buf[2] = (byte) (v >>> 8);
        buf[3] = (byte) v;
        md.update(buf, 0, 4);
    }

    void putLong(MessageDigest md, long v) {
        for (int i = 0; i < 8; i++) {
            buf[i] = (byte) (v >>> (56 - 8 * i));
        }
        md.update(buf, 0, 8);
    }

    void putBytes(MessageDigest md, byte[] b) {
        putInt(md, b.length);
        md.update(b);
    }

    /** Length, then UTF-16 code units: injective even for unpaired surrogates. */
    void putString(MessageDigest md, String s) {
        int n = s.length();
        putInt(md, n);
        if (isAscii(s)) {
            md.update(s.getBytes(StandardCharsets.ISO_8859_1)); // high bytes are all zero: skip
            return;
        }
        md.update((byte) 0xff); // marks the two-byte form; ASCII form never contains 0xff
        int j = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            buf[j++] = (byte) (c >>> 8);
            buf[j++] = (byte) c;
            if (j == buf.length) {
                md.update(buf, 0, j);
                j = 0;
            }
        }
        md.update(buf, 0, j);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x7f) {
                return false;
            }
        }
        return true;
    }
}
