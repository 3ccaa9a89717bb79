package framebudgets.delta;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.config.ReportWindow;
import framebudgets.testing.SharedSpark;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs writing one table at once, made deterministic: run A's rows are computed by a task that
 * waits (inside A's Delta transaction) until run B has committed. Same window: Delta refuses A's
 * commit and A fails with a message naming B and the window; the table holds B's rows once.
 * Another window of the same day: A writes again and both windows land, each once.
 */
class ConcurrentRunsTest {
    private static final StructType ROWS = new StructType()
            .add("process_id", DataTypes.StringType, false)
            .add("value", DataTypes.LongType, false);
    private static final ReportWindow DAY = ReportWindow.ofDate(LocalDate.parse("2025-07-24"));
    private static final ReportWindow MORNING = new ReportWindow(Instant.parse("2025-07-24T06:00:00Z"),
            Instant.parse("2025-07-24T12:00:00Z"), LocalDate.parse("2025-07-24"));
    private static final ReportWindow EVENING = new ReportWindow(Instant.parse("2025-07-24T18:00:00Z"),
            Instant.parse("2025-07-24T23:00:00Z"), LocalDate.parse("2025-07-24"));

    static volatile CountDownLatch entered;
    static volatile CountDownLatch release;

    @TempDir
    Path temp;

    @Test
    void theSameWindowAtOnceKeepsOneRunsRowsAndTheLoserSaysSo() throws Exception {
        SparkSession spark = SharedSpark.get();
        String table = temp.resolve("t").toString();
        ReportTableWriter writer = new ReportTableWriter(spark);
        writer.replaceWindow(table, rows(spark, 5), ReportWindow.ofDate(LocalDate.parse("2025-07-23")), "yesterday");

        CompletableFuture<Long> a = writeWhileBlocked(writer, table, DAY, "run-a");
        writer.replaceWindow(table, rows(spark, 3), DAY, "run-b");
        release.countDown();

        ExecutionException failed = assertThrows(ExecutionException.class, () -> a.get(2, TimeUnit.MINUTES));
        assertTrue(failed.getCause() instanceof ConcurrentRunException, String.valueOf(failed.getCause()));
        String message = failed.getCause().getMessage();
        assertTrue(message.contains("run-b") && message.contains("2025-07-24T00:00:00Z") && message.contains("rerun"), message);
        List<Row> day = spark.read().format("delta").load(table).where(ReportTableWriter.windowPredicate(DAY))
                .select("run_id").collectAsList();
        assertEquals(3, day.size(), "B's rows, once");
        assertTrue(day.stream().allMatch(r -> r.getString(0).equals("run-b")));
    }

    @Test
    void anotherWindowOfTheSameDayAtOnceBothLand() throws Exception {
        SparkSession spark = SharedSpark.get();
        String table = temp.resolve("t").toString();
        ReportTableWriter writer = new ReportTableWriter(spark);
        writer.replaceWindow(table, rows(spark, 1), MORNING, "earlier");

        CompletableFuture<Long> a = writeWhileBlocked(writer, table, MORNING, "run-a");
        assertEquals(2L, writer.replaceWindow(table, rows(spark, 2), EVENING, "run-b"));
        release.countDown();

        assertEquals(4L, a.get(2, TimeUnit.MINUTES), "A's rows are written and counted once");
        Dataset<Row> all = spark.read().format("delta").load(table);
        assertEquals(4L, all.where(ReportTableWriter.windowPredicate(MORNING)).where(col("run_id").equalTo("run-a")).count());
        assertEquals(4L, all.where(ReportTableWriter.windowPredicate(MORNING)).count());
        assertEquals(2L, all.where(ReportTableWriter.windowPredicate(EVENING)).count());
    }

    /** Starts run A's write of 4 rows for {@code window}; returns once its task waits for {@link #release}. */
    private static CompletableFuture<Long> writeWhileBlocked(ReportTableWriter writer, String table, ReportWindow window,
                                                             String runId) throws InterruptedException {
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
        Dataset<Row> blocked = rows(SharedSpark.get(), 4).coalesce(1).mapPartitions((MapPartitionsFunction<Row, Row>) it -> {
            entered.countDown();
            release.await(2, TimeUnit.MINUTES);
            return it;
        }, Encoders.row(ROWS));
        CompletableFuture<Long> write = CompletableFuture.supplyAsync(() -> writer.replaceWindow(table, blocked, window, runId));
        assertTrue(entered.await(2, TimeUnit.MINUTES), "run A's write started");
        return write;
    }

    private static Dataset<Row> rows(SparkSession spark, int n) {
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(RowFactory.create("p" + i, (long) i));
        }
        return spark.createDataFrame(rows, ROWS);
    }
}
