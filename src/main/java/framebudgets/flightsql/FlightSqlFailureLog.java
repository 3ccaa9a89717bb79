package framebudgets.flightsql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;

/**
 * Where the partitions of reads with {@code on_error = record} report the queries that failed for
 * good, instead of failing their task (and with it the whole Spark job). Open one on the driver,
 * pass {@link #id()} as option {@code on_error.log}, read {@link #failures()} after the actions,
 * then {@link #close()} it. Backed by a Spark accumulator: only tasks that succeed report, so a task
 * attempt that fails and is retried reports nothing; the same failure reported by a recomputed
 * partition is listed once.
 */
public final class FlightSqlFailureLog implements AutoCloseable {
    private static final Map<String, FlightSqlFailureLog> OPEN = new ConcurrentHashMap<>();

    private final String id;
    private final CollectionAccumulator<FlightSqlFailure> accumulator;

    private FlightSqlFailureLog(String id, CollectionAccumulator<FlightSqlFailure> accumulator) {
        this.id = id;
        this.accumulator = accumulator;
    }

    /** A new, empty log registered with the session's SparkContext. */
    public static FlightSqlFailureLog open(SparkSession spark) {
        String id = UUID.randomUUID().toString();
        CollectionAccumulator<FlightSqlFailure> accumulator = new CollectionAccumulator<>();
        spark.sparkContext().register(accumulator, "flightsql failures " + id);
        FlightSqlFailureLog log = new FlightSqlFailureLog(id, accumulator);
        OPEN.put(id, log);
        return log;
    }

    /** The value of option {@code on_error.log}. */
    public String id() {
        return id;
    }

    /**
     * The failures reported so far, each once, in the order they arrived. Two reports of one
     * partition whose messages differ only by the server's {@code (query_id=...)} (micromegas 0.29+
     * gives every query its own) are the same failure.
     */
    public List<FlightSqlFailure> failures() {
        Map<List<Object>, FlightSqlFailure> distinct = new LinkedHashMap<>();
        for (FlightSqlFailure f : accumulator.value()) {
            distinct.putIfAbsent(List.of(f.constants(), QUERY_ID.matcher(f.message()).replaceAll("")), f);
        }
        return new ArrayList<>(distinct.values());
    }

    private static final java.util.regex.Pattern QUERY_ID = java.util.regex.Pattern.compile(" ?\\(query_id=[^)]*\\)");

    /** Forgets the log (the driver keeps nothing from run to run). */
    @Override
    public void close() {
        OPEN.remove(id);
    }

    /** The accumulator of an open log, for a scan planned on this driver. */
    static CollectionAccumulator<FlightSqlFailure> accumulator(String id) {
        FlightSqlFailureLog log = OPEN.get(id);
        if (log == null) {
            throw new IllegalArgumentException("option " + FlightSqlReadOptions.ON_ERROR_LOG + ": no open FlightSqlFailureLog '"
                    + id + "' on this driver (open one with FlightSqlFailureLog.open and keep it open while reading)");
        }
        return log.accumulator;
    }
}
