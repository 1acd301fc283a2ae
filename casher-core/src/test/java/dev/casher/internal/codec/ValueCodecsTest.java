package dev.casher.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casher.internal.codec.CodecFixtures.Celsius;
import dev.casher.internal.codec.CodecFixtures.Color;
import dev.casher.internal.codec.CodecFixtures.Holder;
import dev.casher.internal.codec.CodecFixtures.Legacy;
import dev.casher.internal.codec.CodecFixtures.Opaque;
import dev.casher.internal.codec.CodecFixtures.Pair;
import dev.casher.internal.codec.CodecFixtures.Percent;
import dev.casher.internal.codec.CodecFixtures.Point;
import dev.casher.internal.codec.CodecFixtures.Tripwire;
import dev.casher.internal.codec.ValueCodecs.Encoded;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValueCodecsTest {
    private final ValueCodecs codecs = ValueCodecs.standard();

    @TempDir
    Path dir;

    private Object roundTrip(Object value) throws Exception {
        Encoded e = codecs.encode(value);
        return codecs.decode(e.codecId(), e.bytes(), e.allowedClasses());
    }

    @Test
    void canonical_mutableCollections_comeBackMutableWithOrderKept() throws Exception {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("z", 1);
        m.put("a", 2);
        Object back = roundTrip(new ArrayList<>(List.of(m, new LinkedHashSet<>(List.of(3, 1, 2)),
                new LinkedList<>(List.of("x")))));
        assertThat(back).isInstanceOf(ArrayList.class);
        List<?> list = (List<?>) back;
        assertThat(list.get(0)).isInstanceOf(LinkedHashMap.class);
        assertThat(List.copyOf(((Map<?, ?>) list.get(0)).keySet())).isEqualTo(List.of("z", "a"));
        assertThat(list.get(1)).isInstanceOf(LinkedHashSet.class);
        assertThat(List.copyOf((Set<?>) list.get(1))).isEqualTo(List.of(3, 1, 2));
        assertThat(list.get(2)).isInstanceOf(LinkedList.class);
    }

    @Test
    void canonical_immutableCollections_comeBackUnmodifiable() throws Exception {
        @SuppressWarnings("unchecked")
        List<Object> back = (List<Object>) roundTrip(List.of(1, 2));
        assertThat(back).containsExactly(1, 2);
        assertThatThrownBy(() -> back.add(null)).isInstanceOf(UnsupportedOperationException.class);
        Map<?, ?> map = (Map<?, ?>) roundTrip(Collections.unmodifiableMap(
                new LinkedHashMap<>(Map.of("k", "v"))));
        assertThatThrownBy(map::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThat(roundTrip(Arrays.asList(1, null))).isEqualTo(Arrays.asList(1, null));
    }

    @Test
    void canonical_naturallySortedCollections_staySorted() throws Exception {
        assertThat(roundTrip(new TreeMap<>(Map.of("b", 1, "a", 2)))).isInstanceOf(TreeMap.class)
                .isEqualTo(Map.of("a", 2, "b", 1));
        assertThat(roundTrip(new TreeSet<>(Set.of(3, 1)))).isInstanceOf(TreeSet.class);
    }

    @Test
    void canonical_recordsAreRebuiltThroughTheirConstructor() throws Exception {
        int before = Percent.CONSTRUCTED.get();
        assertThat(roundTrip(new Pair(new Percent(50), Optional.of(new Point(1, 2)))))
                .isEqualTo(new Pair(new Percent(50), Optional.of(new Point(1, 2))));
        assertThat(Percent.CONSTRUCTED.get() - before).isEqualTo(3); // 2 by the test, 1 decode
        Encoded e = codecs.encode(new Percent(50));
        assertThat(e.codecId()).isEqualTo(ValueCodecs.CANONICAL_ID);
        assertThat(e.allowedClasses()).containsExactly(Percent.class.getName());
    }

    @Test
    void canonical_enumsComeBackAsTheSameConstant() throws Exception {
        assertThat(roundTrip(Color.BLUE)).isSameAs(Color.BLUE);
    }

    @Test
    void canonical_arraysKeepTheirComponentType() throws Exception {
        assertThat(roundTrip(new String[] {"a", null})).isInstanceOf(String[].class)
                .isEqualTo(new String[] {"a", null});
        Object grid = roundTrip(new int[][] {{1, 2}, {3}});
        assertThat(grid).isInstanceOf(int[][].class);
        assertThat(((int[][]) grid)[1]).containsExactly(3);
        assertThat(roundTrip(new byte[] {1, -1})).isEqualTo(new byte[] {1, -1});
        assertThat(roundTrip(new boolean[] {true})).isEqualTo(new boolean[] {true});
    }

    @Test
    void canonical_scalarsAreExact() throws Exception {
        assertThat(roundTrip(new BigDecimal("1.00"))).isEqualTo(new BigDecimal("1.00"));
        double oddNaN = Double.longBitsToDouble(0x7ff8_0000_0000_0001L);
        assertThat(Double.doubleToRawLongBits((Double) roundTrip(oddNaN)))
                .isEqualTo(0x7ff8_0000_0000_0001L);
        assertThat(roundTrip(-0.0f)).isEqualTo(-0.0f);
        String text = "\uD800 lone surrogate, é, 日本";
        assertThat(roundTrip(text)).isEqualTo(text);
        UUID u = UUID.randomUUID();
        assertThat(roundTrip(u)).isEqualTo(u);
        for (Object v : List.of(OptionalInt.of(3), OptionalLong.empty(), OptionalDouble.of(0.5),
                Optional.empty(), 'c', (short) 3, (byte) 4, 5L)) {
            assertThat(roundTrip(v)).isEqualTo(v);
        }
    }

    @Test
    void canonical_javaTimeValues_roundTrip() throws Exception {
        Instant i = Instant.parse("2026-11-25T10:15:30.123456789Z");
        List<Object> times = List.of(i, LocalDate.of(-5, 1, 1), LocalTime.NOON,
                LocalDateTime.of(12345, 6, 7, 8, 9), OffsetDateTime.of(LocalDateTime.MIN,
                        ZoneOffset.MAX), OffsetTime.MAX, ZonedDateTime.ofInstant(i,
                        ZoneId.of("Europe/Paris")), Duration.ofNanos(-1), Period.of(1, 14, -3),
                Year.of(-20000), YearMonth.of(99999, 12), MonthDay.of(2, 29), ZoneOffset.UTC,
                ZoneId.of("America/New_York"));
        assertThat(roundTrip(times)).isEqualTo(times);
    }

    @Test
    void canonical_path_isAPathString_notContent() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        assertThat(roundTrip(file)).isEqualTo(file);
        assertThat(roundTrip(Path.of("rel/x"))).isEqualTo(Path.of("rel/x"));
        assertThat(roundTrip(new File("a/b"))).isEqualTo(new File("a/b"));
        assertThat(codecs.encode(file).bytes()).hasSizeLessThan(200);
    }

    @Test
    void canonical_unknownOrDisallowedClass_isAnIOException() throws Exception {
        Encoded e = codecs.encode(new Point(1, 2));
        assertThatThrownBy(() -> codecs.decode(e.codecId(), e.bytes(), List.of()))
                .isInstanceOf(IOException.class).hasMessageContaining("allow-list");
        byte[] renamed = new String(e.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("P\0o\0i\0n\0t", "Q\0o\0i\0n\0t")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        String other = Point.class.getName().replace("Point", "Qoint");
        assertThatThrownBy(() -> codecs.decode(e.codecId(), renamed, List.of(other)))
                .isInstanceOf(IOException.class).hasMessageContaining("not found");
    }

    @Test
    void canonical_formatErrors_areIOExceptions() throws Exception {
        Encoded e = codecs.encode(List.of("abc", 1, new Percent(7)));
        List<String> allowed = e.allowedClasses();
        byte[] b = e.bytes();
        for (int cut = 0; cut < b.length; cut++) {
            byte[] truncated = Arrays.copyOf(b, cut);
            assertThatThrownBy(() -> codecs.decode(e.codecId(), truncated, allowed))
                    .isInstanceOf(IOException.class);
        }
        byte[] trailing = Arrays.copyOf(b, b.length + 1);
        assertThatThrownBy(() -> codecs.decode(e.codecId(), trailing, allowed))
                .hasMessageContaining("trailing");
        byte[] invalid = codecs.encode(new Percent(7)).bytes();
        invalid[invalid.length - 1] = (byte) 101; // the constructor refuses 101
        assertThatThrownBy(() -> codecs.decode(ValueCodecs.CANONICAL_ID, invalid, allowed))
                .isInstanceOf(IOException.class).hasMessageContaining("percent out of range");
        assertThatThrownBy(() -> codecs.decode("nope/1", b, allowed))
                .isInstanceOf(IOException.class).hasMessageContaining("no codec with id 'nope/1'");
    }

    @Test
    void serialization_roundTripsAndListsEveryClass() throws Exception {
        Legacy legacy = new Legacy("l", 1, 2);
        Encoded e = codecs.encode(legacy);
        assertThat(e.codecId()).isEqualTo(ValueCodecs.SERIALIZATION_ID);
        assertThat(e.allowedClasses()).containsExactlyInAnyOrder(Legacy.class.getName(), "[I");
        assertThat(roundTrip(legacy)).isEqualTo(legacy);
    }

    @Test
    void serialization_keepsCollectionClassesTheCanonicalCodecDeclines() throws Exception {
        CopyOnWriteArrayList<String> cow = new CopyOnWriteArrayList<>(List.of("a"));
        assertThat(codecs.encode(cow).codecId()).isEqualTo(ValueCodecs.SERIALIZATION_ID);
        assertThat(roundTrip(cow)).isInstanceOf(CopyOnWriteArrayList.class).isEqualTo(cow);
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);
        assertThat(codecs.encode(cyclic).codecId()).isEqualTo(ValueCodecs.SERIALIZATION_ID);
    }

    @Test
    void serialization_classOutsideTheAllowList_isRefusedBeforeItsCodeRuns() throws Exception {
        Encoded e = codecs.encode(new Holder(new Tripwire()));
        assertThat(e.allowedClasses()).contains(Tripwire.class.getName(), Holder.class.getName());
        List<String> withoutTripwire = e.allowedClasses().stream()
                .filter(c -> !c.equals(Tripwire.class.getName())).toList();
        int before = Tripwire.READS.get();

        assertThatThrownBy(() -> codecs.decode(e.codecId(), e.bytes(), withoutTripwire))
                .isInstanceOf(IOException.class).hasMessageContaining(Tripwire.class.getName());
        assertThat(Tripwire.READS.get()).isEqualTo(before);

        // control: with the class allowed, readObject does run, so the counter would have shown it
        codecs.decode(e.codecId(), e.bytes(), e.allowedClasses());
        assertThat(Tripwire.READS.get()).isEqualTo(before + 1);
    }

    @Test
    void serialization_foreignPayload_isRefused() throws Exception {
        Encoded legacy = codecs.encode(new Legacy("l"));
        Encoded holder = codecs.encode(new Holder(new Tripwire()));
        assertThatThrownBy(() -> codecs.decode(ValueCodecs.SERIALIZATION_ID, holder.bytes(),
                legacy.allowedClasses())).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> codecs.decode(ValueCodecs.SERIALIZATION_ID,
                Arrays.copyOf(legacy.bytes(), legacy.bytes().length - 3),
                legacy.allowedClasses())).isInstanceOf(IOException.class);
    }

    @Test
    void serviceLoaderCodec_isUsedForValuesTheCanonicalCodecDeclines() throws Exception {
        assertThat(codecs.extensionIds()).containsExactly("test-celsius/1");
        Encoded e = codecs.encode(new Celsius(21.5));
        assertThat(e.codecId()).isEqualTo("test-celsius/1");
        assertThat(e.allowedClasses()).isEmpty();
        assertThat(roundTrip(new Celsius(21.5))).isEqualTo(new Celsius(21.5));
        assertThat(codecs.encode(List.of(1)).codecId()).isEqualTo(ValueCodecs.CANONICAL_ID);
    }

    @Test
    void unencodable_namesTheTypeAndWhatToDo() {
        assertThatThrownBy(() -> codecs.encode(new Opaque()))
                .isInstanceOf(UnencodableValueException.class)
                .hasMessage("cannot cache a return value of type " + Opaque.class.getName()
                        + ": the canonical codec declined (the canonical codec does not handle "
                        + Opaque.class.getName() + "), no ValueCodec accepts it, and it is not"
                        + " Serializable. Fix: return a record, collection or JDK value type"
                        + " instead, make " + Opaque.class.getName() + " (and what it holds)"
                        + " Serializable, or register a dev.casher.spi.ValueCodec for it in"
                        + " META-INF/services/dev.casher.spi.ValueCodec")
                .satisfies(t -> assertThat(((UnencodableValueException) t).typeName())
                        .isEqualTo(Opaque.class.getName()));
    }

    @Test
    void unencodable_serializableHoldingSomethingElse_saysWhichClass() {
        assertThatThrownBy(() -> codecs.encode(new Holder(new ArrayList<>(List.of(new Opaque())))))
                .isInstanceOf(UnencodableValueException.class)
                .hasMessageContaining("serializing it failed (java.io.NotSerializableException: "
                        + Opaque.class.getName() + ")");
    }
}
