package framebudgets.flightsql;

import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One query of a client-side partitioned read: its SQL and the gRPC headers sent with it (on
 * GetFlightInfo and DoGet). Each becomes one Spark input partition; see {@link FlightSqlPartitions}.
 */
public record FlightSqlQuery(String sql, Map<String, String> headers) implements Serializable {

    public FlightSqlQuery {
        Objects.requireNonNull(sql, "sql");
        if (sql.isBlank()) {
            throw new IllegalArgumentException("a Flight SQL query must not be blank");
        }
        headers = Map.copyOf(headers == null ? Map.of() : headers);
    }

    public static FlightSqlQuery of(String sql) {
        return new FlightSqlQuery(sql, Map.of());
    }

    /** This query with one more header (a later value for the same name wins). */
    public FlightSqlQuery withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new FlightSqlQuery(sql, more);
    }

    /** This query restricted to the micromegas time range [begin, end] (inclusive). */
    public FlightSqlQuery withRange(Instant begin, Instant end) {
        if (begin.isAfter(end)) {
            throw new IllegalArgumentException("query range begins (" + begin + ") after it ends (" + end + ")");
        }
        return withHeader(QueryRange.BEGIN, QueryRange.format(begin)).withHeader(QueryRange.END, QueryRange.format(end));
    }
}
