package dev.casher.internal.codec;

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
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code java.time} value types both encodings support, each by a stable kind name and its
 * ISO text ({@code toString()}), which is lossless and injective for all of them and which the
 * type's {@code parse}/{@code of} reads back. {@code DayOfWeek} and {@code Month} are enums and
 * handled as such. Stateless and thread-safe.
 */
final class TimeValues {
    private static final Map<String, Function<String, Object>> PARSERS = Map.ofEntries(
            Map.entry("Instant", Instant::parse),
            Map.entry("LocalDate", LocalDate::parse),
            Map.entry("LocalTime", LocalTime::parse),
            Map.entry("LocalDateTime", LocalDateTime::parse),
            Map.entry("OffsetDateTime", OffsetDateTime::parse),
            Map.entry("OffsetTime", OffsetTime::parse),
            Map.entry("ZonedDateTime", ZonedDateTime::parse),
            Map.entry("Duration", Duration::parse),
            Map.entry("Period", Period::parse),
            Map.entry("Year", s -> Year.of(Integer.parseInt(s))),
            Map.entry("YearMonth", TimeValues::yearMonth),
            Map.entry("MonthDay", MonthDay::parse),
            Map.entry("ZoneOffset", ZoneOffset::of),
            Map.entry("ZoneId", ZoneId::of));

    private TimeValues() {}

    /** The kind name of {@code v}, or {@code null} if it is not a supported time value. */
    static String kindOf(Object v) {
        if (v instanceof ZoneOffset) {
            return "ZoneOffset"; // before ZoneId: an offset is also a ZoneId
        }
        if (v instanceof ZoneId) {
            return "ZoneId";
        }
        String name = v.getClass().getName();
        if (name.startsWith("java.time.")) {
            String simple = name.substring("java.time.".length());
            return PARSERS.containsKey(simple) ? simple : null;
        }
        return null;
    }

    /** The text form written for {@code v}. Year and YearMonth avoid the sign rules of parse. */
    static String text(Object v) {
        if (v instanceof Year y) {
            return Integer.toString(y.getValue());
        }
        if (v instanceof YearMonth ym) {
            return ym.getYear() + "/" + ym.getMonthValue();
        }
        if (v instanceof ZoneId z) {
            return z.getId();
        }
        return v.toString();
    }

    /** Reads back {@link #text}; throws a runtime exception on malformed text. */
    static Object parse(String kind, String text) {
        Function<String, Object> parser = PARSERS.get(kind);
        if (parser == null) {
            throw new IllegalArgumentException("unknown time kind '" + kind + "'");
        }
        return parser.apply(text);
    }

    private static YearMonth yearMonth(String s) {
        int slash = s.lastIndexOf('/');
        return YearMonth.of(Integer.parseInt(s.substring(0, slash)),
                Integer.parseInt(s.substring(slash + 1)));
    }
}
