package framebudgets.delta;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import framebudgets.config.ReportWindow;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaConcurrentModificationException;
import org.apache.spark.sql.delta.DeltaLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.jdk.javaapi.FutureConverters;

/**
 * Writes one report table to Delta so that a rerun of the same window replaces exactly that
 * window's rows in one atomic commit (Delta's {@code replaceWhere}) and never touches another
 * window's rows. Tables are partitioned by {@code report_date}; every row carries the window and
 * the run id, and the commit carries the run id as its user metadata. When another run commits to
 * the table meanwhile (Delta's optimistic concurrency refuses this commit), the write is retried if
 * that run wrote a different window, and fails with {@link ConcurrentRunException} if it wrote the
 * same one. New columns are merged into an existing table's schema (rows of older runs
 * read them as null).
 */
public final class ReportTableWriter {
    /** Columns put in front of every report table's own columns. */
    public static final String REPORT_DATE = "report_date";
    public static final String WINDOW_FROM = "window_from";
    public static final String WINDOW_TO = "window_to";
    public static final String RUN_ID = "run_id";

    private static final Logger LOG = LoggerFactory.getLogger(ReportTableWriter.class);
    /** Writes of one window retried after another run committed a different window at the same time. */
    private static final int MAX_CONFLICT_ATTEMPTS = 3;
    /** How long to wait for Spark to report the row count of a write that has committed. */
    private static final long OBSERVATION_WAIT_SECONDS = 60;
    private static final String ROWS_WRITTEN = "rows_written";

    private final SparkSession spark;

    public ReportTableWriter(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * Replaces the rows of {@code window} in the Delta table at {@code location} with {@code rows}
     * (creating the table on first use) and returns the number of rows written, counted while they
     * are written (no history look-up, no second pass over {@code rows}).
     */
    public long replaceWindow(String location, Dataset<Row> rows, ReportWindow window, String runId) {
        for (int attempt = 1; ; attempt++) {
            long start = latestVersion(location);
            Observation written = new Observation();
            try {
                withWindowColumns(rows, window, runId)
                        .observe(written, count(lit(1)).as(ROWS_WRITTEN))
                        .write()
                        .format("delta")
                        .mode(SaveMode.Overwrite)
                        .partitionBy(REPORT_DATE)
                        .option("replaceWhere", windowPredicate(window))
                        .option("mergeSchema", "true")
                        .option("userMetadata", runId)
                        .save(location);
                return rowsWritten(written, location);
            } catch (RuntimeException e) {
                if (!isConcurrentModification(e)) {
                    throw e;
                }
                Set<String> others = otherRunsWritingWindow(location, window, start, runId);
                if (!others.isEmpty() || attempt >= MAX_CONFLICT_ATTEMPTS) {
                    throw new ConcurrentRunException("another run (" + (others.isEmpty() ? "unknown" : String.join(", ", others))
                            + ") wrote window [" + window.from() + ", " + window.to() + ") of " + location
                            + " at the same time; its rows were kept and this run's were not written: rerun the window "
                            + "when no other run is writing it", e);
                }
                LOG.info("{}: another run committed a different window at the same time; writing again (attempt {})",
                        location, attempt + 1);
            }
        }
    }

    /** The row count observed by a successful write (Spark reports it just after the write's job). */
    private static long rowsWritten(Observation written, String location) {
        try {
            Row counted = FutureConverters.asJava(written.future()).toCompletableFuture()
                    .get(OBSERVATION_WAIT_SECONDS, TimeUnit.SECONDS);
            return counted.getLong(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while counting the rows written to " + location, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the rows written to " + location + " were committed but Spark did not report "
                    + "their count within " + OBSERVATION_WAIT_SECONDS + " s", e);
        }
    }

    private static boolean isConcurrentModification(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DeltaConcurrentModificationException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The runs other than {@code runId} whose rows for {@code window} were committed after version
     * {@code since}: a run writing the same window concurrently (a different window is no conflict).
     */
    private Set<String> otherRunsWritingWindow(String location, ReportWindow window, long since, String runId) {
        Set<String> now = runIds(spark.read().format("delta").load(location), window);
        if (since >= 0) {
            now.removeAll(runIds(spark.read().format("delta").option("versionAsOf", since).load(location), window));
        }
        now.remove(runId);
        return now;
    }

    private static Set<String> runIds(Dataset<Row> table, ReportWindow window) {
        Set<String> ids = new TreeSet<>();
        table.where(windowPredicate(window)).select(RUN_ID).distinct().collectAsList().forEach(r -> ids.add(r.getString(0)));
        return ids;
    }

    /**
     * The table's latest commit version, -1 when there is no Delta table at {@code location} yet.
     * Read from the log's listing: {@code DeltaTable.history} would run two Spark jobs per call.
     */
    private long latestVersion(String location) {
        return DeltaLog.forTable(spark, location).update(false, Option.empty(), Option.empty()).version();
    }

    static Dataset<Row> withWindowColumns(Dataset<Row> rows, ReportWindow window, String runId) {
        String[] names = rows.columns();
        Column[] columns = new Column[names.length + 4];
        columns[0] = lit(Date.valueOf(window.reportDate())).as(REPORT_DATE);
        columns[1] = lit(Timestamp.from(micros(window.from()))).as(WINDOW_FROM);
        columns[2] = lit(Timestamp.from(micros(window.to()))).as(WINDOW_TO);
        columns[3] = lit(runId).as(RUN_ID);
        for (int i = 0; i < names.length; i++) {
            columns[i + 4] = rows.col(names[i]);
        }
        return rows.select(columns);
    }

    /** The SQL predicate selecting exactly the rows of {@code window}: its report date and its bounds. */
    public static String windowPredicate(ReportWindow window) {
        return REPORT_DATE + " = DATE'" + window.reportDate() + "' AND "
                + WINDOW_FROM + " = TIMESTAMP'" + sqlTimestamp(window.from()) + "' AND "
                + WINDOW_TO + " = TIMESTAMP'" + sqlTimestamp(window.to()) + "'";
    }

    /** Spark timestamps hold microseconds: window bounds are stored (and matched) at that precision. */
    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static String sqlTimestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(micros(instant));
    }
}
