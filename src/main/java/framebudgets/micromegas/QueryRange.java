package framebudgets.micromegas;

import framebudgets.flightsql.FlightSqlQuery;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * micromegas' time range headers {@code query_range_begin} / {@code query_range_end} (inclusive):
 * sent as RFC 3339 in UTC with all nine fraction digits, so a nanosecond-exact bound reaches the
 * server unchanged. The {@code flightsql} source only knows them as headers: a query gets them with
 * {@link #on}, a whole read with {@link #options} ({@code headers.query_range_begin/end}).
 */
public final class QueryRange {
    /** Header name of the inclusive start of the range. */
    public static final String BEGIN = "query_range_begin";
    /** Header name of the inclusive end of the range. */
    public static final String END = "query_range_end";

    private static final DateTimeFormatter WIRE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'+00:00'").withZone(ZoneOffset.UTC);

    private QueryRange() {}

    /** {@code instant} as the server expects it, e.g. {@code 2025-07-24T13:29:42.123456789+00:00}. */
    public static String format(Instant instant) {
        return WIRE.format(instant);
    }

    /** {@code query} restricted to the range [begin, end], as its own headers. */
    public static FlightSqlQuery on(FlightSqlQuery query, Instant begin, Instant end) {
        Map<String, String> headers = headers(begin, end);
        return query.withHeader(BEGIN, headers.get(BEGIN)).withHeader(END, headers.get(END));
    }

    /** The source options ({@code headers.query_range_begin/end}) that restrict a whole read to [begin, end]. */
    public static Map<String, String> options(Instant begin, Instant end) {
        Map<String, String> options = new LinkedHashMap<>();
        headers(begin, end).forEach((name, value) -> options.put("headers." + name, value));
        return options;
    }

    /** Both headers; begin must not be after end (micromegas would answer nothing). */
    static Map<String, String> headers(Instant begin, Instant end) {
        if (begin.isAfter(end)) {
            throw new IllegalArgumentException("query range begins (" + begin + ") after it ends (" + end + ")");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(BEGIN, format(begin));
        headers.put(END, format(end));
        return headers;
    }

}
