package framebudgets.job;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.FrameBudgetJob;
import framebudgets.config.ReportSettings;
import framebudgets.config.ReportWindow;
import framebudgets.config.SettingsLoader;
import framebudgets.delta.ConcurrentRunException;
import framebudgets.delta.ReportTableWriter;
import framebudgets.delta.WindowClaim;
import framebudgets.standin.StandinMain;
import framebudgets.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's tables become visible together or not at all: a run that finds the window claimed by
 * another run writes nothing; two runs of one window started together leave every table with the
 * rows of one run, the one logged ok; a run whose last table cannot be written puts back the tables
 * it had committed (and the HTML report), so they hold the previous run's rows.
 */
class OneWindowTwoRunsTest {
    private static final List<String> TABLES = List.of("aggregates_by_exe", "aggregates_by_process", "budget_changes",
            "frame_stats", "frames_by_exe", "frames_by_process", "top_offenders");

    @TempDir
    static Path temp;
    static StandinMain.Running standin;

    @BeforeAll
    static void start() throws Exception {
        standin = StandinMain.launch(new String[] {"--port", "0", "--seed", "7", "--processes", "2", "--minutes", "0.03",
                "--spans-per-frame", "100", "--workers", "1", "--start", "2025-07-24T12:00:00Z"}, Map.of());
    }

    @AfterAll
    static void stop() {
        standin.close();
    }

    @Test
    void aWindowClaimedByAnotherRunIsNotWritten() throws Exception {
        Path root = goodReport("claimed");
        ReportWindow window = window(root);
        Map<String, String> before = OutputFolder.digests(root, "run_log", "_running");
        try (WindowClaim other = WindowClaim.acquire(SharedSpark.get(), root.toString(), window, "other-run")) {
            Outcome run = JobRuns.run("--conf", NeverEraseAReportTest.conf(uri(), root, "").toString());
            assertEquals(FrameBudgetJob.EXIT_FAILED, run.status(), run.out() + run.err());
            assertTrue(run.err().contains("another run (other-run") && run.err().contains("this run wrote nothing"), run.err());
        }
        assertEquals(before, OutputFolder.digests(root, "run_log", "_running"));
        Outcome rerun = JobRuns.run("--conf", NeverEraseAReportTest.conf(uri(), root, "").toString());
        assertEquals(FrameBudgetJob.EXIT_OK, rerun.status(), rerun.out() + rerun.err());
    }

    @Test
    void twoRunsOfOneWindowAtOnceLeaveOneRunsRowsInEveryTable() throws Exception {
        Path root = goodReport("together");
        SparkSession spark = SharedSpark.get();
        ReportSettings settings = SettingsLoader.load(NeverEraseAReportTest.conf(uri(), root, ""));
        ReportWindow window = ReportWindow.resolve(settings.window(), null, null, null, Clock.systemUTC());
        List<CompletableFuture<RunResult>> runs = new ArrayList<>();
        for (String id : List.of("run-a", "run-b")) {
            runs.add(CompletableFuture.supplyAsync(() -> new ReportRun(spark, settings, window, id).run()));
        }
        Set<String> ok = new TreeSet<>();
        for (CompletableFuture<RunResult> run : runs) {
            try {
                ok.add(run.join().runId());
            } catch (CompletionException e) {
                assertTrue(e.getCause() instanceof ConcurrentRunException, String.valueOf(e.getCause()));
            }
        }
        assertTrue(!ok.isEmpty(), "at least one run succeeds");
        Map<String, Set<String>> runIds = new TreeMap<>();
        for (String table : TABLES) {
            runIds.put(table, runIdsOfWindow(spark, root.resolve(table), window));
        }
        Set<String> visible = new TreeSet<>();
        runIds.values().forEach(visible::addAll);
        assertEquals(1, visible.size(), "every table holds the rows of one and the same run: " + runIds);
        assertTrue(ok.contains(visible.iterator().next()), "the run whose rows are visible ended ok: " + runIds + " " + ok);
        Row logged = spark.read().format("delta").load(root.resolve("run_log").toString())
                .where(col("run_id").equalTo(visible.iterator().next())).head();
        assertEquals("ok", logged.getAs("status"));
    }

    @Test
    void aRunWhoseLastTableFailsPutsBackTheTablesItCommitted() throws Exception {
        Path root = goodReport("put-back");
        SparkSession spark = SharedSpark.get();
        ReportWindow window = window(root);
        Map<String, List<String>> before = new TreeMap<>();
        for (String table : TABLES) {
            before.put(table, rowsOfWindow(spark, root.resolve(table), window));
        }
        byte[] html = Files.readAllBytes(root.resolve("report-2025-07-24.html"));
        // Every table is written, then the run log cannot be: the run log's folder is a file now.
        Files.move(root.resolve("run_log"), root.resolve("run_log.moved"));
        Files.writeString(root.resolve("run_log"), "not a folder");
        Outcome run = JobRuns.run("--conf", NeverEraseAReportTest.conf(uri(), root, "").toString());
        Files.delete(root.resolve("run_log"));
        Files.move(root.resolve("run_log.moved"), root.resolve("run_log"));

        assertEquals(FrameBudgetJob.EXIT_FAILED, run.status(), run.out() + run.err());
        for (String table : TABLES) {
            assertEquals(before.get(table), rowsOfWindow(spark, root.resolve(table), window), table + " is put back");
        }
        assertTrue(java.util.Arrays.equals(html, Files.readAllBytes(root.resolve("report-2025-07-24.html"))),
                "the HTML report is put back");
    }

    private static Path goodReport(String name) throws Exception {
        Path root = temp.resolve(name);
        Outcome good = JobRuns.run("--conf", NeverEraseAReportTest.conf(uri(), root, "").toString());
        assertEquals(FrameBudgetJob.EXIT_OK, good.status(), good.out() + good.err());
        return root;
    }

    private static ReportWindow window(Path root) throws Exception {
        ReportSettings settings = SettingsLoader.load(NeverEraseAReportTest.conf(uri(), root, ""));
        return ReportWindow.resolve(settings.window(), null, null, null, Clock.systemUTC());
    }

    private static String uri() {
        return standin.server().uri().toString();
    }

    private static Set<String> runIdsOfWindow(SparkSession spark, Path table, ReportWindow window) {
        Set<String> ids = new TreeSet<>();
        spark.read().format("delta").load(table.toString()).where(ReportTableWriter.windowPredicate(window))
                .select("run_id").distinct().collectAsList().forEach(r -> ids.add(r.getString(0)));
        return ids;
    }

    private static List<String> rowsOfWindow(SparkSession spark, Path table, ReportWindow window) {
        return spark.read().format("delta").load(table.toString()).where(ReportTableWriter.windowPredicate(window))
                .toJSON().collectAsList().stream().sorted().toList();
    }
}
