package framebudgets.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.FrameBudgetJob;
import framebudgets.flightsql.AllocatorChecks;
import framebudgets.standin.StandinMain;
import framebudgets.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One process whose span query fails on the server (a span from 1700 to 2250, whose nanosecond
 * duration the server cannot compute: a real DuckDB error, for that stream only) does not fail the run: the other
 * processes' rows are written exactly as a clean run writes them, the failed process is in no table,
 * the run log lists it with the server's reason, and the job exits with status 3 (partial).
 * (Skipped processes, without a main thread, are covered by ReportRunOracleTest.)
 */
class FailureIsolationTest {
    @TempDir
    Path temp;

    @Test
    void aProcessWhoseQueriesFailIsLeftOutAndTheRunIsPartial() throws Exception {
        SparkSession spark = SharedSpark.get();
        try (StandinMain.Running standin = StandinMain.launch(new String[] {
                "--port", "0", "--seed", "11", "--processes", "3", "--minutes", "0.02", "--spans-per-frame", "40",
                "--workers", "1", "--edge-cases", "--start", "2025-07-24T12:00:00Z"}, Map.of())) {
            Path clean = temp.resolve("clean");
            Path poisoned = temp.resolve("poisoned");

            Outcome first = JobRuns.run("--conf", conf(standin, clean).toString());
            assertEquals(FrameBudgetJob.EXIT_OK, first.status(), first.err());
            assertTrue(first.out().contains(": ok, window"), first.out());

            String[] victim = poisonAWorkerStream(standin);
            String process = victim[0];
            Outcome second = JobRuns.run("--conf", conf(standin, poisoned).toString());

            assertEquals(FrameBudgetJob.EXIT_PARTIAL, second.status(), second.out() + second.err());
            assertTrue(second.out().contains("FAILED " + process), second.out());
            for (String table : List.of("frame_stats", "aggregates_by_process", "top_offenders")) {
                List<Row> cleanRows = rowsWithout(spark, clean, table, process);
                List<Row> rows = rowsWithout(spark, poisoned, table, process);
                assertFalse(cleanRows.isEmpty(), table);
                assertEquals(0, spark.read().format("delta").load(poisoned.resolve(table).toString())
                        .where(functionsCol("process_id").equalTo(process)).count(), table + " has no row of the failed process");
                if (!table.equals("top_offenders")) {
                    assertEquals(cleanRows, rows, table + ": the other processes' rows are those of a clean run");
                }
            }

            Row log = spark.read().format("delta").load(poisoned.resolve("run_log").toString()).head();
            assertEquals("partial", log.getAs("status"));
            assertEquals(1, (int) log.<Integer>getAs("processes_failed"));
            Row failure = (Row) log.getList(log.fieldIndex("failures")).get(0);
            assertEquals(process, failure.getString(0));
            // the overflow is an execution error: INVALID_ARGUMENT on the newest surface (INTERNAL on 0.11)
            assertTrue(failure.getString(1).contains(victim[1]) && failure.getString(1).contains("INVALID_ARGUMENT")
                    && failure.getString(1).contains("(query_id="), failure.getString(1));
            Row cleanLog = spark.read().format("delta").load(clean.resolve("run_log").toString()).head();
            assertEquals("ok", cleanLog.getAs("status"), "skipped processes do not make a run partial");
            assertEquals(cleanLog.<Integer>getAs("processes_skipped"), log.<Integer>getAs("processes_skipped"));
            AllocatorChecks.assertAllClosedAtZero();
        }
    }

    private static org.apache.spark.sql.Column functionsCol(String name) {
        return org.apache.spark.sql.functions.col(name);
    }

    private Path conf(StandinMain.Running standin, Path root) throws Exception {
        Path conf = Files.createTempFile(temp, "job", ".conf");
        Files.writeString(conf, "include file(\"" + Path.of("conf/demo.conf").toAbsolutePath() + "\")\n"
                + "framebudgets.source.uri = \"" + standin.server().uri() + "\"\n"
                + "framebudgets.output.root = \"" + root + "\"\n");
        return conf;
    }

    /** Adds to one worker thread of the first game process a span from 1700 to 2250: its duration overflows. */
    private static String[] poisonAWorkerStream(StandinMain.Running standin) throws Exception {
        try (Connection c = standin.database().newConnection(); Statement s = c.createStatement()) {
            String process;
            String stream;
            try (ResultSet r = s.executeQuery("SELECT process_id, stream_id FROM mm_streams "
                    + "WHERE property_get(properties, 'thread-name') LIKE '%Worker%' ORDER BY process_id, stream_id LIMIT 1")) {
                assertTrue(r.next(), "the synthetic data has worker threads");
                process = r.getString(1);
                stream = r.getString(2);
            }
            s.execute("INSERT INTO mm_spans SELECT '" + stream + "', 987654321, 0, 1, TIMESTAMP_NS '1700-01-01 00:00:00', "
                    + "TIMESTAMP_NS '2250-01-01 00:00:00', min(scope_id) FROM mm_scopes");
            return new String[] {process, stream};
        }
    }

    /** The table's rows of every process but {@code process}, without run_id, sorted. */
    private static List<Row> rowsWithout(SparkSession spark, Path root, String table, String process) {
        var df = spark.read().format("delta").load(root.resolve(table).toString()).drop("run_id")
                .where(functionsCol("process_id").notEqual(process));
        String[] columns = df.columns();
        return df.orderBy(columns[0], java.util.Arrays.copyOfRange(columns, 1, columns.length)).collectAsList();
    }
}
