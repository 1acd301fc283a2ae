package dev.casher.internal.util;

import java.security.MessageDigest;

/**
 * SHA-256 (FIPS 180-4) in plain Java, as a {@link MessageDigest} that needs no security provider.
 *
 * <p>Why it exists: the first {@code MessageDigest.getInstance("SHA-256")} of a JVM loads and
 * initialises the provider framework (the {@code java.security} file, the Sun provider's service
 * table, byte-array var handles), which costs some 20 ms of a command-line hit whose whole budget
 * is a JVM start. Keys, manifests and listings hash a few kilobytes, for which this class is as
 * good; bulk content (files, streams, blobs) still goes through the JDK's implementation, which
 * has CPU intrinsics ({@link Digest#sha256()}). Both must agree bit for bit, which the tests
 * check on random inputs and the NIST vectors.
 *
 * <p>Not thread-safe, like every {@link MessageDigest}. Cloneable.
 */
public final class Sha256 extends MessageDigest implements Cloneable {
    private static final int[] K = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    };
    private static final int[] INITIAL = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    };

    private int[] h = INITIAL.clone();
    private byte[] block = new byte[64];
    private int[] w = new int[64];
    private int filled;
    private long length;

    public Sha256() {
        super("SHA-256");
    }

    /** The digest of {@code data}. */
    public static byte[] hash(byte[] data) {
        Sha256 md = new Sha256();
        md.engineUpdate(data, 0, data.length);
        return md.engineDigest();
    }

    @Override
    protected int engineGetDigestLength() {
        return 32;
    }

    @Override
    protected void engineUpdate(byte input) {
        block[filled++] = input;
        length++;
        if (filled == 64) {
            compress(block, 0);
            filled = 0;
        }
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
        length += len;
        if (filled > 0) {
            int n = Math.min(len, 64 - filled);
            System.arraycopy(input, offset, block, filled, n);
            filled += n;
            offset += n;
            len -= n;
            if (filled < 64) {
                return;
            }
            compress(block, 0);
            filled = 0;
        }
        while (len >= 64) {
            compress(input, offset);
            offset += 64;
            len -= 64;
        }
        System.arraycopy(input, offset, block, 0, len);
        filled = len;
    }

    @Override
    protected byte[] engineDigest() {
        long bits = length << 3;
        block[filled++] = (byte) 0x80;
        if (filled > 56) {
            java.util.Arrays.fill(block, filled, 64, (byte) 0);
            compress(block, 0);
            filled = 0;
        }
        java.util.Arrays.fill(block, filled, 56, (byte) 0);
        for (int i = 0; i < 8; i++) {
            block[56 + i] = (byte) (bits >>> (56 - 8 * i));
        }
        compress(block, 0);
        byte[] out = new byte[32];
        for (int i = 0; i < 8; i++) {
            int v = h[i];
            out[4 * i] = (byte) (v >>> 24);
            out[4 * i + 1] = (byte) (v >>> 16);
            out[4 * i + 2] = (byte) (v >>> 8);
            out[4 * i + 3] = (byte) v;
        }
        engineReset();
        return out;
    }

    @Override
    protected void engineReset() {
        System.arraycopy(INITIAL, 0, h, 0, 8);
        filled = 0;
        length = 0;
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
        Sha256 c = (Sha256) super.clone();
        c.h = h.clone();
        c.block = block.clone();
        c.w = new int[64];
        return c;
    }

    private void compress(byte[] in, int off) {
        int[] w = this.w;
        for (int t = 0; t < 16; t++, off += 4) {
            w[t] = (in[off] << 24) | ((in[off + 1] & 0xff) << 16) | ((in[off + 2] & 0xff) << 8)
                    | (in[off + 3] & 0xff);
        }
        for (int t = 16; t < 64; t++) {
            int x = w[t - 15];
            int y = w[t - 2];
            int s0 = Integer.rotateRight(x, 7) ^ Integer.rotateRight(x, 18) ^ (x >>> 3);
            int s1 = Integer.rotateRight(y, 17) ^ Integer.rotateRight(y, 19) ^ (y >>> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        int a = h[0];
        int b = h[1];
        int c = h[2];
        int d = h[3];
        int e = h[4];
        int f = h[5];
        int g = h[6];
        int hh = h[7];
        for (int t = 0; t < 64; t++) {
            int t1 = hh + (Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25))
                    + ((e & f) ^ (~e & g)) + K[t] + w[t];
            int t2 = (Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22))
                    + ((a & b) ^ (a & c) ^ (b & c));
            hh = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
        h[5] += f;
        h[6] += g;
        h[7] += hh;
    }
}
