package framebudgets.flightsql;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The micromegas time range headers {@code query_range_begin} / {@code query_range_end}:
 * parsed from RFC 3339 and sent as RFC 3339 in UTC with all nine fraction digits, so a
 * nanosecond-exact bound reaches the server unchanged.
 */
public final class QueryRange {
    /** Header (and option) name of the inclusive start of the range. */
    public static final String BEGIN = "query_range_begin";
    /** Header (and option) name of the inclusive end of the range. */
    public static final String END = "query_range_end";

    private static final DateTimeFormatter WIRE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'+00:00'").withZone(ZoneOffset.UTC);

    private QueryRange() {}

    /** {@code instant} as the server expects it, e.g. {@code 2025-07-24T13:29:42.123456789+00:00}. */
    public static String format(Instant instant) {
        return WIRE.format(instant);
    }

    /** Parses an RFC 3339 timestamp with an offset ({@code Z} or {@code +hh:mm}), naming the option on error. */
    static Instant parse(String option, String value) {
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("option " + option + ": '" + value
                    + "' is not an RFC 3339 timestamp with an offset, e.g. 2025-07-24T13:29:42.123456789Z");
        }
    }
}
