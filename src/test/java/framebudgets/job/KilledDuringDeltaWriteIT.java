package framebudgets.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.FrameBudgetJob;
import framebudgets.cluster.ChildProcess;
import framebudgets.flightsql.AllocatorChecks;
import framebudgets.standin.StandinMain;
import framebudgets.testing.SharedSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL in the middle of its first Delta write (its JVM of its own is killed as
 * soon as a data file of the run appears in the first table it writes, before that table's commit)
 * over tables that hold a previous run of the window: every table keeps exactly its version and
 * rows (previous run id included), though the killed run left a data file behind; a rerun then exits
 * 0 and its tables equal the previous, clean run's.
 */
class KilledDuringDeltaWriteIT {
    /** The first table a run writes (demo.conf has output.frame-stats = true). */
    private static final String FIRST_TABLE = "frame_stats";
    private static final long KILL_WAIT_MILLIS = 300_000;

    @TempDir
    Path temp;

    @Test
    void aRunKilledMidWriteLeavesEveryTableAsItWasAndTheRerunMatchesACleanRun() throws Exception {
        try (StandinMain.Running standin = StandinMain.launch(new String[] {
                "--port", "0", "--seed", "17", "--processes", "2", "--minutes", "0.2", "--spans-per-frame", "150",
                "--workers", "2", "--start", "2025-07-24T12:00:00Z"}, Map.of())) {
            SparkSession spark = SharedSpark.get();
            Path root = temp.resolve("out");
            Path conf = conf(standin, root);
            Outcome previous = JobRuns.run("--conf", conf.toString());
            assertEquals(FrameBudgetJob.EXIT_OK, previous.status(), previous.err());
            Map<String, TableState> before = states(spark, root);
            Map<String, List<String>> cleanRows = new LinkedHashMap<>();
            for (String table : before.keySet()) {
                cleanRows.put(table, TableComparison.rows(spark, root.resolve(table)));
            }
            Set<Path> dataFilesBefore = dataFiles(root.resolve(FIRST_TABLE));

            Path killedFile;
            Path log = temp.resolve("killed.log");
            try (ChildProcess job = JobProcess.start("job to kill", log, Map.of(), "--conf", conf.toString())) {
                killedFile = awaitNewDataFile(root.resolve(FIRST_TABLE), dataFilesBefore, job);
                job.kill();
            }
            System.out.println("killed the run when " + root.relativize(killedFile) + " appeared");
            assertTrue(Files.exists(killedFile), "the killed run left its data file behind");
            assertEquals(before, states(spark, root), "every table's Delta versions and rows are those of before the kill");

            Outcome rerun = JobRuns.run("--conf", conf.toString());
            assertEquals(FrameBudgetJob.EXIT_OK, rerun.status(), rerun.err());
            assertRerunEqualsPreviousRun(spark, root, cleanRows);
            AllocatorChecks.assertAllClosedAtZero();
        }
    }

    /** The rerun replaced the window's rows with the same rows; the run log has the previous row and an identical one. */
    private static void assertRerunEqualsPreviousRun(SparkSession spark, Path root, Map<String, List<String>> cleanRows) {
        assertFalse(cleanRows.get(FIRST_TABLE).isEmpty(), "the clean run wrote " + FIRST_TABLE);
        cleanRows.forEach((table, clean) -> {
            List<String> rows = TableComparison.rows(spark, root.resolve(table));
            if (table.equals("run_log")) {
                assertEquals(List.of(clean.get(0), clean.get(0)), rows,
                        "run_log: the clean run's row and the rerun's, alike (the killed run wrote none)");
            } else {
                assertEquals(clean, rows, table + ": the rerun's rows are the clean run's");
            }
        });
    }

    /** Polls the table's folder until a data file that was not there before appears; fails if the run ends first. */
    private static Path awaitNewDataFile(Path table, Set<Path> before, ChildProcess job) throws Exception {
        long deadline = System.currentTimeMillis() + KILL_WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            Optional<Path> fresh = dataFiles(table).stream().filter(f -> !before.contains(f)).findFirst();
            if (fresh.isPresent()) {
                return fresh.get();
            }
            if (!job.isAlive()) {
                throw new IllegalStateException("the run ended before writing " + table + ":\n" + job.tail());
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("no new data file in " + table + " within " + KILL_WAIT_MILLIS + " ms:\n" + job.tail());
    }

    private static Set<Path> dataFiles(Path table) throws IOException {
        Set<Path> files = new HashSet<>();
        try (Stream<Path> all = Files.walk(table)) {
            all.filter(f -> f.getFileName().toString().endsWith(".parquet") && !f.toString().contains("_delta_log"))
                    .forEach(files::add);
        } catch (UncheckedIOException | NoSuchFileException vanishing) {
            // a file the writer renamed or removed while we listed: the next poll sees the folder as it is
        }
        return files;
    }

    /** Each table's commit files and rows (run ids included). */
    private static Map<String, TableState> states(SparkSession spark, Path root) throws IOException {
        Map<String, TableState> states = new LinkedHashMap<>();
        for (String table : TableComparison.tables(root)) {
            List<String> commits;
            try (Stream<Path> log = Files.list(root.resolve(table).resolve("_delta_log"))) {
                commits = log.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
            }
            List<String> rows = spark.read().format("delta").load(root.resolve(table).toString())
                    .toJSON().collectAsList().stream().sorted().toList();
            states.put(table, new TableState(commits, rows));
        }
        return states;
    }

    private record TableState(List<String> commits, List<String> rows) {}

    private Path conf(StandinMain.Running standin, Path root) throws IOException {
        Path conf = temp.resolve("job.conf");
        Files.writeString(conf, "include file(\"" + Path.of("conf/demo.conf").toAbsolutePath() + "\")\n"
                + "framebudgets.source.uri = \"" + standin.server().uri() + "\"\n"
                + "framebudgets.output.root = \"" + root + "\"\n"
                + "framebudgets.output.html-report = false\n");
        return conf;
    }
}
