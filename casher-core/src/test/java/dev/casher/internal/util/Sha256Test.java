package dev.casher.internal.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Sha256} must produce exactly the JDK's SHA-256: keys and blob addresses depend on it. */
class Sha256Test {
    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void nistVectors_match() {
        assertThat(hex(Sha256.hash(new byte[0])))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(hex(Sha256.hash(ascii("abc"))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(hex(Sha256.hash(ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))))
                .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        byte[] million = new byte[1_000_000];
        java.util.Arrays.fill(million, (byte) 'a');
        assertThat(hex(Sha256.hash(million)))
                .isEqualTo("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }

    @Test
    void randomInputs_everyLengthAroundBlockBoundaries_matchTheJdk() throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        for (int len = 0; len < 300; len++) {
            byte[] data = new byte[len];
            random.nextBytes(data);
            assertThat(Sha256.hash(data)).as("length %d", len)
                    .isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
        }
    }

    @Test
    void chunkedUpdates_singleBytes_buffers_andReuseAfterDigest_matchTheJdk() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        MessageDigest mine = new Sha256();
        for (int round = 0; round < 200; round++) {
            byte[] data = new byte[random.nextInt(5000)];
            random.nextBytes(data);
            MessageDigest jdk = MessageDigest.getInstance("SHA-256");
            int pos = 0;
            while (pos < data.length) {
                int n = Math.min(data.length - pos, random.nextInt(150));
                switch (random.nextInt(3)) {
                    case 0 -> {
                        mine.update(data[pos]);
                        jdk.update(data[pos]);
                        n = 1;
                    }
                    case 1 -> {
                        mine.update(ByteBuffer.wrap(data, pos, n));
                        jdk.update(ByteBuffer.wrap(data, pos, n));
                    }
                    default -> {
                        mine.update(data, pos, n);
                        jdk.update(data, pos, n);
                    }
                }
                pos += n;
            }
            assertThat(mine.digest()).as("round %d", round).isEqualTo(jdk.digest());
        }
    }

    @Test
    void clone_continuesIndependently() throws Exception {
        MessageDigest a = new Sha256();
        a.update(ascii("prefix shared by both, longer than one block of sixty-four bytes ...."));
        MessageDigest b = (MessageDigest) a.clone();
        a.update(ascii("one"));
        b.update(ascii("two"));
        MessageDigest ja = MessageDigest.getInstance("SHA-256");
        ja.update(ascii("prefix shared by both, longer than one block of sixty-four bytes ....one"));
        MessageDigest jb = MessageDigest.getInstance("SHA-256");
        jb.update(ascii("prefix shared by both, longer than one block of sixty-four bytes ....two"));
        assertThat(a.digest()).isEqualTo(ja.digest());
        assertThat(b.digest()).isEqualTo(jb.digest());
    }

    @Test
    void fileDigests_lightAndJdkPaths_agreeWithStreaming(@TempDir Path dir) throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        for (int len : new int[] {0, 1, 65_535, 65_536, 65_537, 300_000}) {
            byte[] data = new byte[len];
            random.nextBytes(data);
            Path f = dir.resolve("f" + len);
            Files.write(f, data);
            Digest expected = Digest.of(MessageDigest.getInstance("SHA-256").digest(data));
            assertThat(Digest.ofFile(f)).as("file of %d bytes", len).isEqualTo(expected);
            assertThat(Digest.ofBytes(data)).as("bytes of %d", len).isEqualTo(expected);
        }
    }
}
