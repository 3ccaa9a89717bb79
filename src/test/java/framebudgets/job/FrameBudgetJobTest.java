package framebudgets.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.FrameBudgetJob;
import framebudgets.standin.StandinMain;
import framebudgets.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The job through its command line (picocli, in process, no System.exit): reruns of a window give
 * identical tables, a second window adds rows without touching the first, and bad configuration
 * exits with status 2 and a message naming the key or option at fault.
 */
class FrameBudgetJobTest {
    private static final List<String> REPORT_TABLES = List.of("frame_stats", "aggregates_by_process", "aggregates_by_exe", "top_offenders");

    @TempDir
    Path temp;

    @Test
    void aRerunGivesIdenticalTablesAndAnotherWindowLeavesTheFirstAlone() throws Exception {
        SparkSession spark = SharedSpark.get();
        try (StandinMain.Running standin = StandinMain.launch(new String[] {
                "--port", "0", "--seed", "7", "--processes", "2", "--minutes", "0.03", "--spans-per-frame", "60",
                "--workers", "1", "--edge-cases", "--start", "2025-07-24T12:00:00Z"}, Map.of())) {
            Path root = temp.resolve("out");
            Path conf = temp.resolve("job.conf");
            Files.writeString(conf, "include file(\"" + Path.of("conf/demo.conf").toAbsolutePath() + "\")\n"
                    + "framebudgets.source.uri = \"" + standin.server().uri() + "\"\n"
                    + "framebudgets.output.root = \"" + root + "\"\n");

            Outcome first = JobRuns.run("--conf", conf.toString());
            Map<String, List<List<Object>>> afterFirst = tables(spark, root);
            assertTrue(afterFirst.get("frame_stats").size() > 100, "the demo data gives a report: " + first.out());
            assertEquals(FrameBudgetJob.EXIT_OK, first.status(), first.err());
            assertTrue(first.out().contains("ok, window [2025-07-24T00:00:00Z, 2025-07-25T00:00:00Z)"), first.out());
            assertTrue(first.out().contains("  budgets by self time") && first.out().contains("  hitches: "),
                    "the summary leads with self time and says what made the hitches: " + first.out());

            Outcome second = JobRuns.run("--conf", conf.toString(), "--date", "2025-07-24");
            assertEquals(FrameBudgetJob.EXIT_OK, second.status(), second.err());
            Map<String, List<List<Object>>> afterSecond = tables(spark, root);
            assertEquals(afterFirst, afterSecond, "a rerun of the window gives identical tables");

            Outcome other = JobRuns.run("--conf", conf.toString(), "--from", "2025-07-24T12:00:30Z", "--to", "2025-07-24T12:00:45Z");
            assertEquals(FrameBudgetJob.EXIT_OK, other.status(), other.err());
            Map<String, List<List<Object>>> afterOther = tables(spark, root);
            List<Row> log = spark.read().format("delta").load(root.resolve("run_log").toString())
                    .orderBy("started_at").collectAsList();
            assertEquals(3, log.size());
            for (String table : REPORT_TABLES) {
                List<List<Object>> dayRows = new ArrayList<>();
                List<List<Object>> windowRows = new ArrayList<>();
                for (List<Object> row : afterOther.get(table)) {
                    (row.get(1).equals(Timestamp.from(Instant.parse("2025-07-24T00:00:00Z"))) ? dayRows : windowRows).add(row);
                }
                assertEquals(afterSecond.get(table), dayRows, table + ": the day's rows are untouched");
                assertFalse(windowRows.isEmpty(), table + ": the second window added rows");
                assertEquals((long) dayRows.size(), log.get(1).getJavaMap(log.get(1).fieldIndex("rows_written")).get(table), table);
                assertEquals((long) windowRows.size(), log.get(2).getJavaMap(log.get(2).fieldIndex("rows_written")).get(table), table);
            }
            assertEquals(List.of("ok", "ok", "ok"), log.stream().map(r -> r.<String>getAs("status")).toList());
            assertEquals(log.get(0).<Long>getAs("frames"), log.get(1).<Long>getAs("frames"));
            assertTrue(log.get(2).<Long>getAs("frames") < log.get(0).<Long>getAs("frames"));
        }
    }

    @Test
    void anUnreachableServerFailsTheRunWithStatusOneAndAFailedRunLogRow() throws Exception {
        SparkSession spark = SharedSpark.get();
        String uri;
        try (StandinMain.Running stopped = StandinMain.launch(new String[] {"--port", "0", "--processes", "0"}, Map.of())) {
            uri = stopped.server().uri().toString();
        }
        Path root = temp.resolve("out");
        Path conf = temp.resolve("job.conf");
        Files.writeString(conf, "framebudgets { source.uri = \"" + uri + "\", group-by = span-name, output.root = \"" + root + "\" }\n");

        Outcome outcome = JobRuns.run("--conf", conf.toString(), "--date", "2025-07-24");

        assertEquals(FrameBudgetJob.EXIT_FAILED, outcome.status(), outcome.err());
        assertTrue(outcome.err().contains("failed"), outcome.err());
        List<Row> log = spark.read().format("delta").load(root.resolve("run_log").toString()).collectAsList();
        assertEquals(1, log.size());
        assertEquals("failed", log.get(0).getAs("status"));
        assertFalse(log.get(0).<String>getAs("message").isBlank());
        assertFalse(Files.exists(root.resolve("aggregates_by_exe")), "no report table was written");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "framebudgets.top-offenders = 0 | | framebudgets.top-offenders",
        "framebudgets.top-offender = 5 | | framebudgets.top-offender",
        "framebudgets.threads = both | | framebudgets.threads",
        "framebudgets.source.uri = \"http://x:1\" | | framebudgets.source.uri",
        "framebudgets.budgets { A = [] } | | framebudgets.budgets.A",
        "framebudgets.top-offenders = 5 | --date=2025-13-01 | --date",
        "framebudgets.top-offenders = 5 | --from=2025-07-24T00:00:00Z | --from and --to",
        "framebudgets { | | cannot be parsed"})
    void badConfigurationExitsWithStatusTwoNamingTheKey(String conf, String option, String named) throws Exception {
        Path file = temp.resolve("bad.conf");
        Files.writeString(file, "framebudgets.group-by = span-name\n" + conf + "\n");
        List<String> args = new ArrayList<>(List.of("--conf", file.toString()));
        if (option != null) {
            args.add(option);
        }
        Outcome outcome = JobRuns.run(args.toArray(new String[0]));
        assertEquals(FrameBudgetJob.EXIT_BAD_CONFIG, outcome.status(), outcome.err());
        assertTrue(outcome.err().contains("configuration error") && outcome.err().contains(named), outcome.err());
    }

    @Test
    void aMissingConfigFileExitsWithStatusTwoNamingIt() throws Exception {
        Outcome outcome = JobRuns.run("--conf", temp.resolve("nowhere.conf").toString());
        assertEquals(FrameBudgetJob.EXIT_BAD_CONFIG, outcome.status(), outcome.err());
        assertTrue(outcome.err().contains("nowhere.conf"), outcome.err());
    }

    /** Every row of each report table without run_id (columns in table order), sorted, by table. */
    private static Map<String, List<List<Object>>> tables(SparkSession spark, Path root) {
        Map<String, List<List<Object>>> out = new HashMap<>();
        for (String table : REPORT_TABLES) {
            String[] columns = Arrays.stream(spark.read().format("delta").load(root.resolve(table).toString()).columns())
                    .filter(c -> !c.equals("run_id")).toArray(String[]::new);
            List<List<Object>> rows = new ArrayList<>();
            for (Row r : spark.read().format("delta").load(root.resolve(table).toString())
                    .select(columns[0], Arrays.copyOfRange(columns, 1, columns.length))
                    .orderBy(columns[0], Arrays.copyOfRange(columns, 1, columns.length)).collectAsList()) {
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < r.size(); i++) {
                    values.add(r.get(i));
                }
                rows.add(values);
            }
            out.put(table, rows);
        }
        return out;
    }
}
