package dev.casher.internal.codec;

import dev.casher.CacheKey;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/** Value types shared by the codec tests. */
public final class CodecFixtures {
    private CodecFixtures() {}

    enum Color { RED, GREEN, BLUE { @Override public String toString() { return "blue!"; } } }

    record Point(int x, int y) {}

    record Pair(Object left, Object right) {}

    record Config(String name, List<Object> opts) {}

    /** A record whose compact constructor validates, to prove decoding goes through it. */
    record Percent(int value) {
        static final AtomicInteger CONSTRUCTED = new AtomicInteger();

        Percent {
            CONSTRUCTED.incrementAndGet();
            if (value < 0 || value > 100) {
                throw new IllegalArgumentException("percent out of range: " + value);
            }
        }
    }

    /** A type casher cannot fingerprint on its own. */
    static final class Model {
        final String name;

        Model(String name) {
            this.name = name;
        }
    }

    /** A model that says what identifies it. */
    static final class KeyedModel implements CacheKey {
        final String name;
        final int version;
        final Object scratch = new Object(); // not part of the key

        KeyedModel(String name, int version) {
            this.name = name;
            this.version = version;
        }

        @Override
        public Object cacheKey() {
            return List.of(name, version);
        }
    }

    /** A plain Serializable class (no record): goes to the serialization codec. */
    static final class Legacy implements Serializable {
        private static final long serialVersionUID = 1L;
        final String name;
        final int[] values;

        Legacy(String name, int... values) {
            this.name = name;
            this.values = values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Legacy l && l.name.equals(name)
                    && java.util.Arrays.equals(l.values, values);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, java.util.Arrays.hashCode(values));
        }
    }

    /** Holds any Serializable value, so that a payload can name a class of our choosing. */
    static final class Holder implements Serializable {
        private static final long serialVersionUID = 1L;
        final Serializable content;

        Holder(Serializable content) {
            this.content = content;
        }
    }

    /** A harmless marker: counts every time deserialization runs its readObject. */
    static final class Tripwire implements Serializable {
        private static final long serialVersionUID = 1L;
        static final AtomicInteger READS = new AtomicInteger();

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            READS.incrementAndGet();
        }
    }

    /** Not encodable by anything. */
    static final class Opaque {
        @Override
        public String toString() {
            return "opaque";
        }
    }

    /** A value type only the test ValueCodec (registered through ServiceLoader) handles. */
    static final class Celsius {
        final double degrees;

        Celsius(double degrees) {
            this.degrees = degrees;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Celsius c && Double.compare(c.degrees, degrees) == 0;
        }

        @Override
        public int hashCode() {
            return Double.hashCode(degrees);
        }
    }

    /** The ValueCodec for {@link Celsius}, listed in META-INF/services. */
    public static final class CelsiusCodec implements dev.casher.spi.ValueCodec {
        @Override
        public String id() {
            return "test-celsius/1";
        }

        @Override
        public boolean canEncode(Object value) {
            return value instanceof Celsius;
        }

        @Override
        public byte[] encode(Object value) {
            return Double.toString(((Celsius) value).degrees).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Object decode(byte[] bytes) throws IOException {
            try {
                return new Celsius(Double.parseDouble(new String(bytes, StandardCharsets.UTF_8)));
            } catch (NumberFormatException e) {
                throw new IOException(e);
            }
        }
    }
}
