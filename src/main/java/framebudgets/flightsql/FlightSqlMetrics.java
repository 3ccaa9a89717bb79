package framebudgets.flightsql;

import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomSumMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;

/**
 * The source's Spark UI metrics (shown on the scan node of the SQL tab): rows, Arrow batches and
 * Arrow bytes received, time to the first batch, server streams cancelled because Spark stopped
 * reading early, and the most Arrow memory a task held. Spark instantiates the metric classes by
 * name, hence public nested classes.
 */
public final class FlightSqlMetrics {
    static final String ROWS = "flightsqlRows";
    static final String BATCHES = "flightsqlBatches";
    static final String BYTES = "flightsqlBytes";
    static final String FIRST_BATCH_MS = "flightsqlTimeToFirstBatchMs";
    static final String CANCELLED = "flightsqlStreamsCancelled";
    static final String PEAK_ARROW_BYTES = "flightsqlPeakArrowBytes";

    private FlightSqlMetrics() {}

    static CustomMetric[] supported() {
        return new CustomMetric[] {new Rows(), new Batches(), new Bytes(), new TimeToFirstBatch(), new StreamsCancelled(),
            new PeakArrowBytes()};
    }

    static CustomTaskMetric task(String name, long value) {
        return new CustomTaskMetric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long value() {
                return value;
            }
        };
    }

    /** Rows received from the server. */
    public static final class Rows extends CustomSumMetric {
        @Override
        public String name() {
            return ROWS;
        }

        @Override
        public String description() {
            return "Flight SQL rows received";
        }
    }

    /** Arrow record batches received from the server. */
    public static final class Batches extends CustomSumMetric {
        @Override
        public String name() {
            return BATCHES;
        }

        @Override
        public String description() {
            return "Flight SQL batches received";
        }
    }

    /** Bytes of Arrow buffers received (the record batches' bodies). */
    public static final class Bytes extends CustomSumMetric {
        @Override
        public String name() {
            return BYTES;
        }

        @Override
        public String description() {
            return "Flight SQL Arrow bytes received";
        }
    }

    /** Server streams cancelled because Spark stopped before their end (a limit, a failed task). */
    public static final class StreamsCancelled extends CustomSumMetric {
        @Override
        public String name() {
            return CANCELLED;
        }

        @Override
        public String description() {
            return "Flight SQL streams cancelled early";
        }
    }

    /** Milliseconds from a task's start to its first batch; the UI shows the slowest task. */
    public static final class TimeToFirstBatch extends MaxMetric {
        @Override
        public String name() {
            return FIRST_BATCH_MS;
        }

        @Override
        public String description() {
            return "Flight SQL time to first batch (ms, max over tasks)";
        }
    }

    /** The most Arrow memory one task held at once (its root allocator's peak); the UI shows the largest. */
    public static final class PeakArrowBytes extends MaxMetric {
        @Override
        public String name() {
            return PEAK_ARROW_BYTES;
        }

        @Override
        public String description() {
            return "Flight SQL peak Arrow bytes of a task (max over tasks)";
        }
    }

    /** A metric the UI shows as the largest task value. */
    abstract static class MaxMetric implements CustomMetric {
        @Override
        public String aggregateTaskMetrics(long[] taskMetrics) {
            long max = 0;
            for (long value : taskMetrics) {
                max = Math.max(max, value);
            }
            return Long.toString(max);
        }
    }
}
