package dev.casher.internal.codec;

import java.io.IOException;
import java.util.List;

/**
 * The built-in codec for return values made of JDK value types, records, enums, collections and
 * arrays; id {@value #ID}. Thread-safe (stateless; each call uses its own writer or reader).
 *
 * <p>Format (big-endian, {@code DataOutput} primitives):
 *
 * <pre>
 * payload   = magic:u8[3]="cv1" value
 * value     = tag:u8 body
 * NULL(0) | BOOLEAN(1) u8 | BYTE(2) u8 | SHORT(3) i16 | CHAR(4) u16 | INT(5) i32 | LONG(6) i64
 * FLOAT(7) raw-bits:i32 | DOUBLE(8) raw-bits:i64        (raw bits: NaN payloads and -0.0 kept)
 * STRING(9) string
 * PRIMITIVE_ARRAY(10) kind:u8 ('Z','B','S','C','I','J','F','D') n:i32 element*n
 * OBJECT_ARRAY(11) componentClass:string n:i32 value*n
 * ENUM(12) class:string name:string
 * RECORD(13) class:string n:i32 (componentName:string value)*n
 * LIST(14) flags:u8 n:i32 value*n      flags: 1 immutable, 4 LinkedList
 * SET(15) flags:u8 n:i32 value*n       flags: 1 immutable, 2 sorted (natural order)
 * MAP(16) flags:u8 n:i32 (key value)*n flags: 1 immutable, 2 sorted (natural order)
 * OPTIONAL(17) kind:u8 ('L','I','J','D') present:u8 [value | i32 | i64 | raw-bits:i64]
 * BIG_INTEGER(18) bytes | BIG_DECIMAL(19) unscaled:bytes scale:i32
 * TIME(20) kind:string text:string     (see TimeValues)
 * UUID(21) i64 i64 | URI(22) string | PATH(23) string | FILE(24) string
 * string    = n:i32 (UTF-16 code units, u16 each)*n
 * bytes     = n:i32 u8*n
 * </pre>
 *
 * No checksum: payloads are stored as content-addressed blobs whose digest the store verifies.
 * Every class named in a payload (records, enums, array component types) is listed in the
 * entry's allow-list; decoding refuses any other class.
 *
 * <p>Decoding rebuilds: mutable {@code List} as {@code ArrayList} ({@code LinkedList} kept);
 * mutable {@code Set}/{@code Map} as {@code LinkedHashSet}/{@code LinkedHashMap} (iteration
 * order kept); naturally sorted ones as {@code TreeSet}/{@code TreeMap}; immutable ones
 * ({@code List.of}, {@code Collections.unmodifiable*}, {@code stream.toList()}...) as
 * unmodifiable views over those (nulls allowed, order kept); {@code Path} as a path string (no
 * content). Collections of other concrete classes ({@code CopyOnWriteArrayList},
 * {@code EnumMap}, subclasses...) and naturally-unsorted {@code SortedSet}s are declined so that a
 * later codec (serialization) can keep their exact class.
 */
final class CanonicalCodec {
    static final String ID = "canonical/1";

    static final byte[] MAGIC = {'c', 'v', '1'};

    static final byte NULL = 0;
    static final byte BOOLEAN = 1;
    static final byte BYTE = 2;
    static final byte SHORT = 3;
    static final byte CHAR = 4;
    static final byte INT = 5;
    static final byte LONG = 6;
    static final byte FLOAT = 7;
    static final byte DOUBLE = 8;
    static final byte STRING = 9;
    static final byte PRIMITIVE_ARRAY = 10;
    static final byte OBJECT_ARRAY = 11;
    static final byte ENUM = 12;
    static final byte RECORD = 13;
    static final byte LIST = 14;
    static final byte SET = 15;
    static final byte MAP = 16;
    static final byte OPTIONAL = 17;
    static final byte BIG_INTEGER = 18;
    static final byte BIG_DECIMAL = 19;
    static final byte TIME = 20;
    static final byte UUID_VALUE = 21;
    static final byte URI_VALUE = 22;
    static final byte PATH = 23;
    static final byte FILE = 24;

    static final int IMMUTABLE = 1;
    static final int SORTED = 2;
    static final int LINKED_LIST = 4;

    static final int MAX_DEPTH = 512;

    /** A value this codec declines, with the reason (for the final error message). */
    static final class Declined extends Exception {
        private static final long serialVersionUID = 1L;

        Declined(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Bytes and the classes they name. */
    record Result(byte[] bytes, List<String> classes) {}

    private CanonicalCodec() {}

    static Result encode(Object value) throws Declined {
        return new CanonicalWriter().write(value);
    }

    static Object decode(byte[] bytes, List<String> allowedClasses) throws IOException {
        return new CanonicalReader(bytes, allowedClasses).read();
    }
}
