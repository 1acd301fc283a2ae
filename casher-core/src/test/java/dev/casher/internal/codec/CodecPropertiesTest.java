package dev.casher.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casher.internal.codec.CodecFixtures.Color;
import dev.casher.internal.codec.CodecFixtures.Pair;
import dev.casher.internal.codec.CodecFixtures.Point;
import dev.casher.internal.codec.ValueCodecs.Encoded;
import dev.casher.internal.lookup.FileDigester;
import dev.casher.internal.lookup.StatCache;
import dev.casher.internal.util.Digest;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

class CodecPropertiesTest {
    private static final ValueCodecs CODECS = ValueCodecs.of(List.of());
    private static final ArgumentEncoder KEYS =
            new ArgumentEncoder(new FileDigester(StatCache.NONE));

    private static Digest key(Object value) {
        return KEYS.encode(new Object[] {value}, null).digest();
    }

    private static Object copy(Object value) throws Exception {
        Encoded e = CODECS.encode(value);
        return CODECS.decode(e.codecId(), e.bytes(), e.allowedClasses());
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.FIRST)
    void decodeOfEncode_equalsTheValue(@ForAll("values") Object value) throws Exception {
        Encoded e = CODECS.encode(value);
        assertThat(e.codecId()).isEqualTo(ValueCodecs.CANONICAL_ID);
        assertThat(CODECS.decode(e.codecId(), e.bytes(), e.allowedClasses())).isEqualTo(value);
    }

    @Property(tries = 100)
    void decodeOfEncode_equalsTheArray(@ForAll("arrays") Object array) throws Exception {
        assertThat(Objects.deepEquals(copy(array), array)).isTrue();
        assertThat(copy(array).getClass()).isEqualTo(array.getClass());
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.FIRST)
    void key_isTheSameForADecodedCopy(@ForAll("values") Object value) throws Exception {
        assertThat(key(copy(value))).isEqualTo(key(value));
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.FIRST)
    void key_isEqualExactlyWhenValuesAreEqual(@ForAll("values") Object a,
            @ForAll("values") Object b) {
        assertThat(key(a).equals(key(b))).isEqualTo(Objects.equals(a, b));
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.FIRST)
    void key_ignoresUnorderedSetAndMapInsertionOrder(
            @ForAll("distinctLeaves") List<Object> elements,
            @ForAll Random random) {
        List<Object> shuffled = new ArrayList<>(elements);
        Collections.shuffle(shuffled, random);
        assertThat(key(new java.util.HashSet<>(shuffled)))
                .isEqualTo(key(new java.util.HashSet<>(elements)));
        Map<Object, Object> m1 = new java.util.HashMap<>();
        Map<Object, Object> m2 = new java.util.HashMap<>();
        elements.forEach(e -> m1.put(e, Objects.hashCode(e)));
        shuffled.forEach(e -> m2.put(e, Objects.hashCode(e)));
        assertThat(key(m2)).isEqualTo(key(m1));
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.FIRST)
    void key_distinguishesTypesAndOrder(@ForAll int i, @ForAll char c,
            @ForAll("twoOrMoreDistinctLeaves") List<Object> elements) {
        assertThat(List.of(key(i), key((long) i), key((double) i), key((float) i)))
                .doesNotHaveDuplicates();
        assertThat(key(String.valueOf(c))).isNotEqualTo(key(c));
        List<Object> reversed = new ArrayList<>(elements);
        Collections.reverse(reversed);
        assertThat(key(reversed)).isNotEqualTo(key(elements));
        assertThat(key(elements)).isNotEqualTo(key(new LinkedHashSet<>(elements)));
    }

    @Property(tries = 100, edgeCases = EdgeCasesMode.FIRST)
    void decode_ofCorruptedPayload_failsOnlyWithIOException(@ForAll("values") Object value,
            @ForAll Random random) throws Exception {
        Encoded e = CODECS.encode(value);
        byte[] bytes = e.bytes().clone();
        int at = random.nextInt(bytes.length);
        bytes[at] = (byte) random.nextInt(256);
        try {
            CODECS.decode(e.codecId(), bytes, e.allowedClasses());
        } catch (IOException expected) {
            // a corrupt blob must surface as an I/O failure (a miss), never as anything else
        }
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.FIRST)
    void decode_ofRandomBytes_failsOnlyWithIOException(@ForAll @Size(max = 64) byte[] tail) {
        byte[] bytes = new byte[3 + tail.length];
        System.arraycopy(CanonicalCodec.MAGIC, 0, bytes, 0, 3);
        System.arraycopy(tail, 0, bytes, 3, tail.length);
        try {
            CODECS.decode(ValueCodecs.CANONICAL_ID, bytes, List.of(Point.class.getName()));
        } catch (IOException expected) {
            // see above
        }
    }

    @Provide
    Arbitrary<Object> values() {
        return value(3);
    }

    @Provide
    Arbitrary<List<Object>> distinctLeaves() {
        return leaf().list().uniqueElements().ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Object>> twoOrMoreDistinctLeaves() {
        return leaf().list().uniqueElements().ofMinSize(2).ofMaxSize(6);
    }

    @Provide
    Arbitrary<Object> arrays() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(16).map(a -> a),
                Arbitraries.integers().array(int[].class).ofMaxSize(8).map(a -> a),
                Arbitraries.doubles().withStandardSpecialValues().array(double[].class)
                        .ofMaxSize(8).map(a -> a),
                Arbitraries.chars().array(char[].class).ofMaxSize(8).map(a -> a),
                Arbitraries.strings().ofMaxLength(4).injectNull(0.2).array(String[].class)
                        .ofMaxSize(4).map(a -> a),
                Arbitraries.of(Color.class).array(Color[].class).ofMaxSize(4).map(a -> a));
    }

    private static Arbitrary<Object> value(int depth) {
        if (depth == 0) {
            return leaf();
        }
        Arbitrary<Object> inner = value(depth - 1);
        return Arbitraries.frequencyOf(
                Tuple.of(6, leaf()),
                Tuple.of(1, inner.list().ofMaxSize(4).map(l -> l)),
                Tuple.of(1, inner.set().ofMaxSize(4).map(s -> s)),
                Tuple.of(1, Arbitraries.maps(inner, inner).ofMaxSize(3).map(m -> m)),
                Tuple.of(1, Combinators.combine(inner, inner).as(Pair::new)),
                Tuple.of(1, inner.filter(Objects::nonNull).map(Optional::of)));
    }

    private static Arbitrary<Object> leaf() {
        Arbitrary<Long> seconds = Arbitraries.longs().between(-50_000_000_000L, 50_000_000_000L);
        Arbitrary<Integer> nanos = Arbitraries.integers().between(0, 999_999_999);
        Arbitrary<Instant> instants =
                Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
        return Arbitraries.oneOf(
                Arbitraries.integers().map(v -> v),
                Arbitraries.longs().map(v -> v),
                Arbitraries.doubles().withStandardSpecialValues().map(v -> v),
                Arbitraries.floats().withStandardSpecialValues().map(v -> v),
                Arbitraries.shorts().map(v -> v),
                Arbitraries.bytes().map(v -> v),
                Arbitraries.chars().map(v -> v),
                Arbitraries.of(true, false).map(v -> v),
                Arbitraries.strings().all().ofMaxLength(12).map(v -> v),
                Arbitraries.of(Color.class).map(v -> v),
                Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(-5, 12))
                        .as(BigDecimal::valueOf),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(),
                        BigInteger.TEN.pow(30)).map(v -> v),
                instants.map(v -> v),
                instants.map(i -> LocalDateTime.ofInstant(i, ZoneOffset.UTC)),
                Arbitraries.longs().between(-3_000_000, 3_000_000).map(LocalDate::ofEpochDay),
                Combinators.combine(seconds, nanos).as((s, n) -> (Object) Duration.ofSeconds(s, n)),
                Combinators.combine(instants, Arbitraries.of("UTC", "Europe/Paris", "Asia/Tokyo"))
                        .as((i, z) -> ZonedDateTime.ofInstant(i, ZoneId.of(z))),
                Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new),
                Combinators.combine(Arbitraries.integers(), Arbitraries.integers()).as(Point::new),
                Arbitraries.just(Optional.empty()),
                Arbitraries.just(Set.of()))
                .injectNull(0.03);
    }
}
