package framebudgets.flightsql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The driver's view of one {@code flightsql} read: what to run ({@code query} or {@code queries}),
 * what to do on error, and the {@link FlightSqlOptions} of the connection. Only the connection
 * options travel to the executors; queries travel in their input partitions and the failure log as
 * an accumulator ({@link FailureRecording}). Every error names the option at fault.
 */
final class FlightSqlReadOptions {
    static final String QUERY = "query";
    static final String QUERIES = FlightSqlPartitions.OPTION;
    static final String ON_ERROR = "on_error";
    static final String ON_ERROR_LOG = "on_error.log";

    /** How to reach the server: what every executor needs. */
    final FlightSqlOptions connection;
    final String query;
    final List<FlightSqlQuery> queries;
    /** The {@link FlightSqlFailureLog} id with {@code on_error = record}; null with {@code on_error = fail}. */
    final String failureLog;

    private FlightSqlReadOptions(Map<String, String> options) {
        connection = FlightSqlOptions.parseLowerCase(options);
        String single = options.get(QUERY);
        String list = options.get(QUERIES);
        if ((single == null) == (list == null)) {
            throw new IllegalArgumentException("set exactly one of the options query (one SQL statement) "
                    + "and queries (a JSON array, see FlightSqlPartitions)");
        }
        if (single != null && single.isBlank()) {
            throw new IllegalArgumentException("option query is blank");
        }
        query = single;
        queries = list == null ? null : List.copyOf(FlightSqlPartitions.fromJson(list));
        if (queries != null) {
            for (FlightSqlQuery q : queries) {
                q.headers().forEach((name, value) -> FlightSqlOptions.checkHeader("option queries", name, value));
            }
            checkSameConstants(queries);
        }
        failureLog = failureLog(options);
    }

    /** Parses Spark's options (keys are matched case-insensitively). */
    static FlightSqlReadOptions parse(Map<String, String> options) {
        Map<String, String> lower = new LinkedHashMap<>();
        options.forEach((key, value) -> lower.put(key.toLowerCase(Locale.ROOT), value));
        return new FlightSqlReadOptions(lower);
    }

    /** The queries to run, one per client-side partition, or the single {@code query}. */
    List<FlightSqlQuery> queryList() {
        return queries != null ? queries : List.of(FlightSqlQuery.of(query));
    }

    /** Names of the constant columns every query declares, in order (none for a single {@code query}). */
    List<String> constantColumns() {
        return List.copyOf(queryList().get(0).constants().keySet());
    }

    private static void checkSameConstants(List<FlightSqlQuery> queries) {
        Set<String> first = queries.get(0).constants().keySet();
        for (int i = 1; i < queries.size(); i++) {
            Set<String> names = queries.get(i).constants().keySet();
            if (!names.equals(first)) {
                throw new IllegalArgumentException("option queries: element " + i + " declares the constant columns "
                        + names + " but element 0 declares " + first
                        + "; every query of a read must declare the same constant columns");
            }
        }
    }

    private static String failureLog(Map<String, String> options) {
        String mode = options.getOrDefault(ON_ERROR, "fail").trim().toLowerCase(Locale.ROOT);
        String log = options.get(ON_ERROR_LOG);
        switch (mode) {
            case "fail" -> {
                if (log != null) {
                    throw new IllegalArgumentException("option " + ON_ERROR_LOG + " goes with " + ON_ERROR + " = record");
                }
                return null;
            }
            case "record" -> {
                if (log == null || log.isBlank()) {
                    throw new IllegalArgumentException("option " + ON_ERROR + " = record needs option " + ON_ERROR_LOG
                            + " (the id of a FlightSqlFailureLog)");
                }
                return log.trim();
            }
            default -> throw new IllegalArgumentException("option " + ON_ERROR + ": '" + options.get(ON_ERROR)
                    + "' is not fail or record");
        }
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add(queries != null ? "queries=" + queries.size() : "query=" + query);
        if (failureLog != null) {
            parts.add("on_error=record");
        }
        String connectionText = connection.toString();
        return "FlightSqlReadOptions(" + String.join(", ", parts) + ", "
                + connectionText.substring(connectionText.indexOf('(') + 1);
    }
}
