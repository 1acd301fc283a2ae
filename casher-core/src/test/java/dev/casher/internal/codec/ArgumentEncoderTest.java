package dev.casher.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casher.CasherException;
import dev.casher.internal.codec.CodecFixtures.Color;
import dev.casher.internal.codec.CodecFixtures.Config;
import dev.casher.internal.codec.CodecFixtures.KeyedModel;
import dev.casher.internal.codec.CodecFixtures.Model;
import dev.casher.internal.codec.CodecFixtures.Point;
import dev.casher.internal.lookup.FileDigester;
import dev.casher.internal.lookup.StatCache;
import dev.casher.internal.util.Digest;
import java.io.File;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArgumentEncoderTest {
    private static final String FIX = "Fix: implement dev.casher.CacheKey on this type or on the"
            + " type that holds the value (cacheKey() returns a value that identifies it), pass a"
            + " value of a supported type (primitives, String, enums, records, collections,"
            + " arrays, Optional, BigDecimal, java.time, UUID, URI, Path/File), or keep the value"
            + " out of the cached call's arguments (pass what identifies it, and obtain the rest"
            + " inside the call)";

    private final ArgumentEncoder encoder = new ArgumentEncoder(new FileDigester(StatCache.NONE));

    @TempDir
    Path dir;

    private Digest key(Object... args) {
        return encoder.encode(args, null).digest();
    }

    private Digest one(Object value) {
        return key(value);
    }

    @Test
    void encode_sameArguments_sameDigest() {
        Object[] args = {"train", 3, List.of(1.5, 2.5), new Point(1, 2), Color.RED};
        assertThat(key(args)).isEqualTo(key(args.clone()));
    }

    /**
     * A fixed digest: the encoding must not depend on the JVM run (identity hash codes, hash
     * iteration order, default charset). Changing it invalidates every user's cache: bump
     * {@link ArgumentEncoder#FORMAT} when that is intended.
     */
    @Test
    void encode_isStableAcrossRuns() {
        Object[] args = {"train", 3, 2.5, List.of(1L, 'c'), Map.of("b", 2, "a", 1),
                Set.of(Color.RED, Color.BLUE), new Point(1, 2), new BigDecimal("1.50"),
                Instant.parse("2026-11-25T10:15:30Z"), Optional.empty(), new byte[] {1, 2},
                new KeyedModel("m", 1), "é\uD800", null};
        assertThat(key(args).hex()).isEqualTo(
                "2a7d9c71c9789282c12c1b9dec7efde399983ffe37f5048c12c1be2658484b32");
    }

    @Test
    void encode_numbersOfDifferentTypes_differ() {
        List<Object> values = List.of(1, 1L, 1.0, 1.0f, (short) 1, (byte) 1, '1', "1", true,
                BigInteger.ONE, BigDecimal.ONE, Optional.of(1), OptionalInt.of(1), new int[] {1},
                new long[] {1}, List.of(1), Set.of(1));
        assertThat(values.stream().map(this::one).distinct()).hasSize(values.size());
    }

    @Test
    void encode_stringVersusChar_differ() {
        assertThat(one("a")).isNotEqualTo(one('a'));
        assertThat(one(new char[] {'a'})).isNotEqualTo(one("a"));
    }

    @Test
    void encode_floatingPoint_followsEquals() {
        assertThat(one(-0.0)).isNotEqualTo(one(0.0));
        assertThat(one(Double.longBitsToDouble(0x7ff8_0000_0000_0001L))).isEqualTo(one(Double.NaN));
        assertThat(one(new double[] {-0.0})).isNotEqualTo(one(new double[] {0.0}));
    }

    @Test
    void encode_bigDecimalScale_isKept() {
        assertThat(one(new BigDecimal("1.0"))).isNotEqualTo(one(new BigDecimal("1.00")));
        assertThat(one(new BigDecimal("1.0"))).isEqualTo(one(new BigDecimal("1.0")));
    }

    @Test
    void encode_unpairedSurrogate_isNotConfusedWithReplacement() {
        assertThat(one("\uD800")).isNotEqualTo(one("?"));
        assertThat(one("\uD800")).isNotEqualTo(one("\uFFFD"));
    }

    @Test
    void encode_listOrder_matters_butListKind_doesNot() {
        assertThat(one(List.of(1, 2))).isNotEqualTo(one(List.of(2, 1)));
        assertThat(one(new ArrayList<>(List.of(1, 2)))).isEqualTo(one(List.of(1, 2)));
        assertThat(one(Arrays.asList(1, 2))).isEqualTo(one(List.of(1, 2)));
        assertThat(one(List.of(1, 2))).isNotEqualTo(one(Set.of(1, 2)));
        assertThat(one(new Integer[] {1, 2})).isNotEqualTo(one(List.of(1, 2)));
    }

    @Test
    void encode_unorderedSetsAndMaps_ignoreInsertionOrder() {
        Set<String> abc = new java.util.HashSet<>(List.of("a", "b", "c"));
        assertThat(one(abc)).isEqualTo(one(Set.of("c", "a", "b")));
        Map<String, Integer> ab = new HashMap<>();
        ab.put("a", 1);
        ab.put("b", 2);
        Map<String, Integer> ba = new HashMap<>();
        ba.put("b", 2);
        ba.put("a", 1);
        assertThat(one(ab)).isEqualTo(one(ba)).isEqualTo(one(Map.of("b", 2, "a", 1)));
        assertThat(one(Map.of("a", 1, "b", 2))).isNotEqualTo(one(Map.of("a", 2, "b", 1)));
    }

    /** The function sees the iteration order of an ordered collection: it is part of the key. */
    @Test
    void encode_orderedSetsAndMaps_keyTheirIterationOrder() {
        assertThat(one(new LinkedHashSet<>(List.of("a", "b", "c"))))
                .isNotEqualTo(one(new LinkedHashSet<>(List.of("c", "a", "b"))))
                .isEqualTo(one(new LinkedHashSet<>(List.of("a", "b", "c"))));
        Map<String, Integer> ab = new LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", 2);
        Map<String, Integer> ba = new LinkedHashMap<>();
        ba.put("b", 2);
        ba.put("a", 1);
        assertThat(one(ab)).isNotEqualTo(one(ba));
        assertThat(one(ab)).isNotEqualTo(one(new HashMap<>(ab)));
        assertThat(one(new TreeMap<>(ab))).isEqualTo(one(new TreeMap<>(ba)));
        TreeMap<String, Integer> reversed = new TreeMap<>(java.util.Comparator.reverseOrder());
        reversed.putAll(ab);
        assertThat(one(new TreeMap<>(ab))).isNotEqualTo(one(reversed));
        assertThat(one(new String[] {"a", "b"})).isNotEqualTo(one(new String[] {"b", "a"}));
    }

    @Test
    void encode_recordsEnumsAndJdkValues_areKeyedByValue() {
        assertThat(one(new Point(1, 2))).isEqualTo(one(new Point(1, 2)))
                .isNotEqualTo(one(new Point(2, 1)));
        assertThat(one(Color.RED)).isNotEqualTo(one(Color.GREEN)).isNotEqualTo(one("RED"));
        Instant now = Instant.parse("2026-11-25T10:15:30.123456789Z");
        assertThat(one(now)).isEqualTo(one(Instant.parse(now.toString())));
        assertThat(one(ZonedDateTime.ofInstant(now, ZoneId.of("Europe/Paris"))))
                .isNotEqualTo(one(ZonedDateTime.ofInstant(now, ZoneId.of("UTC"))));
        assertThat(one(LocalDate.of(2026, 1, 2))).isNotEqualTo(one(LocalDate.of(2026, 2, 1)));
        assertThat(one(Duration.ofSeconds(1))).isNotEqualTo(one(Duration.ofMillis(1)));
        UUID u = UUID.randomUUID();
        assertThat(one(u)).isEqualTo(one(UUID.fromString(u.toString())));
    }

    @Test
    void encode_parameterNames_areNotPartOfTheKey() {
        Object[] args = {"x", 1};
        assertThat(encoder.encode(args, new String[] {"a", "b"}).digest())
                .isEqualTo(encoder.encode(args, new String[] {"c", null}).digest());
        assertThat(key("x", 1)).isNotEqualTo(key(1, "x"));
        assertThat(key()).isEqualTo(encoder.encode(null, null).digest());
    }

    @Test
    void encode_pathToFile_isKeyedByContent_notByMtime() throws Exception {
        Path file = Files.writeString(dir.resolve("data.csv"), "aaaa");
        Digest before = one(file);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
        assertThat(one(file)).as("mtime-only change").isEqualTo(before);
        Files.writeString(file, "bbbb");
        assertThat(one(file)).as("same size, other content").isNotEqualTo(before);
        Files.writeString(file, "aaaa");
        assertThat(one(file)).as("content restored").isEqualTo(before);
        assertThat(one(file.toFile())).as("File and Path differ by type").isNotEqualTo(before);
    }

    @Test
    void encode_pathToFile_isKeyedByLocationToo() throws Exception {
        Path a = Files.writeString(dir.resolve("a.txt"), "same");
        Path b = Files.writeString(dir.resolve("b.txt"), "same");
        assertThat(one(a)).isNotEqualTo(one(b));
        assertThat(one(dir.resolve("sub/../a.txt"))).isEqualTo(one(a));
    }

    @Test
    void encode_absentOrDirectoryPath_isKeyedByPathAndKind() throws Exception {
        Path p = dir.resolve("later");
        Digest absent = one(p);
        assertThat(one(dir.resolve("later"))).isEqualTo(absent);
        Files.createDirectory(p);
        Digest directory = one(p);
        assertThat(directory).isNotEqualTo(absent);
        Files.writeString(p.resolve("inside.txt"), "x");
        assertThat(one(p)).as("directory content is not keyed").isEqualTo(directory);
    }

    @Test
    void encode_unreadableFile_isAnUnreadableArgument_notAUsageError() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "x");
        Files.setPosixFilePermissions(secret, java.util.Set.of());
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(secret), "running as root");
        assertThatThrownBy(() -> encoder.encode(new Object[] {secret}, new String[] {"in"}))
                .isInstanceOf(UnreadableArgumentException.class)
                .hasMessageStartingWith("cannot fingerprint argument 1 'in': reading " + secret
                        + " failed: java.nio.file.AccessDeniedException");
    }

    @Test
    void encode_cacheKey_isKeyedByItsKey() {
        assertThat(one(new KeyedModel("m", 1))).isEqualTo(one(new KeyedModel("m", 1)))
                .isNotEqualTo(one(new KeyedModel("m", 2)))
                .isNotEqualTo(one(List.of("m", 1)));
    }

    @Test
    void encode_unsupportedArgument_namesPositionNameTypeAndFixes() {
        assertThatThrownBy(() -> encoder.encode(new Object[] {"x", new Model("m")},
                new String[] {"name", "model"}))
                .isInstanceOf(CasherException.class)
                .hasMessage("cannot fingerprint argument 2 'model' of type "
                        + "dev.casher.internal.codec.CodecFixtures$Model: casher cannot key values"
                        + " of this type. " + FIX);
    }

    @Test
    void encode_unsupportedNestedValue_namesThePathToIt() {
        Config cfg = new Config("c", List.of(1, 2, 3, new Thread()));
        assertThatThrownBy(() -> encoder.encode(new Object[] {cfg}, new String[] {"cfg"}))
                .isInstanceOf(CasherException.class)
                .hasMessage("cannot fingerprint argument 1 'cfg' → field 'opts' → element 3 of"
                        + " type java.lang.Thread: casher cannot key values of this type. " + FIX);
    }

    @Test
    void encode_unnamedParameters_areCalledArgN() {
        assertThatThrownBy(() -> key(1, Map.of("k", new Object())))
                .hasMessageStartingWith("cannot fingerprint argument 2 'arg1' → value for key k"
                        + " of type java.lang.Object: ")
                .hasMessageEndingWith("(parameters show as arg0, arg1... because the method was"
                        + " compiled without javac's -parameters flag)");
    }

    @Test
    void encode_namedParameter_hasNoMissingNamesHint() {
        assertThatThrownBy(() -> encoder.encode(new Object[] {new Object()}, new String[] {"o"}))
                .hasMessageNotContaining("-parameters");
    }

    @Test
    void encode_cycle_isRefusedWithItsPath() {
        List<Object> self = new ArrayList<>();
        self.add(1);
        self.add(self);
        assertThatThrownBy(() -> encoder.encode(new Object[] {self}, new String[] {"xs"}))
                .isInstanceOf(CasherException.class)
                .hasMessageStartingWith("cannot fingerprint argument 1 'xs' → element 1 of type"
                        + " java.util.ArrayList: the value contains itself (a cycle).");
    }

    @Test
    void encode_sharedButAcyclicValues_areFine() {
        List<Integer> shared = List.of(1);
        assertThat(one(List.of(shared, shared))).isEqualTo(one(List.of(List.of(1), List.of(1))));
    }

    @Test
    void encode_unorderedCollection_isRefusedWithAHint() {
        Map<String, Integer> m = new HashMap<>(Map.of("a", 1));
        assertThatThrownBy(() -> one(m.values()))
                .hasMessageContaining("only List, Set, Map and Deque collections have a canonical"
                        + " order (copy it into a List or Set)");
    }

    @Test
    void encode_descriptions_showTypeAndValueOrDigest() {
        EncodedArguments e = encoder.encode(new Object[] {"hello", 42, Color.RED, List.of(1, 2),
                null, new File("x")}, null);
        assertThat(e.descriptions()).hasSize(6);
        assertThat(e.descriptions().subList(0, 3))
                .containsExactly("String \"hello\"", "Integer 42", "Color.RED");
        assertThat(e.descriptions().get(3))
                .isEqualTo("List [2] #" + e.argumentDigests().get(3).shortHex(12));
        assertThat(e.descriptions().get(4)).isEqualTo("null");
        assertThat(e.descriptions().get(5))
                .isEqualTo("File x #" + e.argumentDigests().get(5).shortHex(12));
    }

    @Test
    void encodeValue_feedsTheSameBytesAsAnArgumentDigest() {
        MessageDigest md = Digest.sha256();
        encoder.encodeValue(List.of("a", 1), "captured value 1", md);
        EncodedArguments e = encoder.encode(new Object[] {List.of("a", 1)}, null);
        assertThat(Digest.finish(md)).isEqualTo(e.argumentDigests().get(0));
        assertThatThrownBy(() -> encoder.encodeValue(new Model("m"), "captured value 1",
                Digest.sha256()))
                .hasMessageStartingWith("cannot fingerprint captured value 1 of type ");
    }
}
