package framebudgets.flightsql;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One query of a client-side partitioned read: its SQL, the gRPC headers sent with it (on
 * GetFlightInfo and DoGet), and constant string columns ("partition values") the reader adds to
 * every row of its result without them crossing the wire. Each becomes one Spark input partition;
 * see {@link FlightSqlPartitions}.
 */
public record FlightSqlQuery(String sql, Map<String, String> headers, Map<String, String> constants)
        implements Serializable {

    public FlightSqlQuery {
        Objects.requireNonNull(sql, "sql");
        if (sql.isBlank()) {
            throw new IllegalArgumentException("a Flight SQL query must not be blank");
        }
        headers = Map.copyOf(headers == null ? Map.of() : headers);
        constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants == null ? Map.of() : constants));
        constants.forEach((name, value) -> {
            if (name == null || name.isBlank() || value == null) {
                throw new IllegalArgumentException("constant column '" + name + "' needs a name and a non-null value");
            }
        });
    }

    public static FlightSqlQuery of(String sql) {
        return new FlightSqlQuery(sql, Map.of(), Map.of());
    }

    /** This query with one more header (a later value for the same name wins). */
    public FlightSqlQuery withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new FlightSqlQuery(sql, more, constants);
    }

    /**
     * This query with a string column {@code name} whose value is {@code value} on every row of its
     * result, added by the reader (columns keep the order they were added in, after the result's own).
     */
    public FlightSqlQuery withConstant(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(constants);
        more.put(name, value);
        return new FlightSqlQuery(sql, headers, more);
    }

    /** This query with other SQL, the same headers and constants. */
    FlightSqlQuery withSql(String other) {
        return new FlightSqlQuery(other, headers, constants);
    }
}
