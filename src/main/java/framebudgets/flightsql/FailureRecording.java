package framebudgets.flightsql;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.util.CollectionAccumulator;

/**
 * What a partition reader of a read with {@code on_error = record} needs on the executor: the
 * failure log's accumulator, and how many attempts Spark gives a task, so that a failure after rows
 * reached Spark fails the attempt while a retry (which re-reads the partition from scratch) is
 * still possible, and is recorded only on the last attempt.
 */
final class FailureRecording implements Serializable {
    private static final long serialVersionUID = 1L;
    /** local[N, M]: M attempts; plain local and local[N] give one attempt (Spark's own rule). */
    private static final Pattern LOCAL_WITH_FAILURES = Pattern.compile("local\\[\\s*(\\d+|\\*)\\s*,\\s*(\\d+)\\s*\\]");

    private final CollectionAccumulator<FlightSqlFailure> accumulator;
    private final int maxTaskAttempts;

    private FailureRecording(CollectionAccumulator<FlightSqlFailure> accumulator, int maxTaskAttempts) {
        this.accumulator = accumulator;
        this.maxTaskAttempts = maxTaskAttempts;
    }

    /** For a scan planned on the driver of {@code spark}; null when the read fails on error. */
    static FailureRecording of(FlightSqlReadOptions options, SparkContext spark) {
        if (options.failureLog == null) {
            return null;
        }
        return new FailureRecording(FlightSqlFailureLog.accumulator(options.failureLog), maxTaskAttempts(spark));
    }

    static int maxTaskAttempts(SparkContext spark) {
        String master = spark.master();
        if (master.startsWith("local")) {
            Matcher m = LOCAL_WITH_FAILURES.matcher(master);
            return m.matches() ? Integer.parseInt(m.group(2)) : 1;
        }
        return spark.conf().getInt("spark.task.maxFailures", 4);
    }

    /** Whether the running task attempt is the last Spark will make. */
    boolean lastAttempt() {
        TaskContext task = TaskContext.get();
        return task == null || task.attemptNumber() + 1 >= maxTaskAttempts;
    }

    void record(FlightSqlFailure failure) {
        accumulator.add(failure);
    }
}
