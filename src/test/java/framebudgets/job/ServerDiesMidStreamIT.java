package framebudgets.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.FrameBudgetJob;
import framebudgets.cluster.ChildProcess;
import framebudgets.flightsql.AllocatorChecks;
import framebudgets.standin.StandinMain;
import framebudgets.standin.StandinServer;
import framebudgets.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server drops a span stream after its first batch (the stand-in's {@code --cut-streams}: the
 * call ends with UNAVAILABLE, as when the server dies mid-stream) while the job runs on a master that
 * retries tasks ({@code local[2,4]}, in a JVM of its own): exactly one task attempt fails, on that
 * UNAVAILABLE; the source does not re-request the stream itself after a batch reached Spark (the
 * server receives the statement once more than in a clean run, from the retried task), the run is
 * {@code ok}, and every table equals a clean run's.
 */
class ServerDiesMidStreamIT {
    @TempDir
    Path temp;

    @Test
    void aStreamCutMidwayIsReadAgainBySparksTaskRetryAndTheTablesEqualACleanRun() throws Exception {
        try (StandinMain.Running standin = StandinMain.launch(new String[] {
                "--port", "0", "--seed", "5", "--processes", "2", "--minutes", "0.1", "--spans-per-frame", "200",
                "--workers", "2", "--start", "2025-07-24T12:00:00Z", "--cut-streams", "1", "--cut-after-batches", "1"},
                Map.of())) {
            Path retried = temp.resolve("retried");
            Path log = temp.resolve("retried.log");
            int queriesBefore = standin.server().receivedQueries().size();
            long started = System.nanoTime();
            try (ChildProcess job = JobProcess.start("job on local[2,4]", log, Map.of("spark.master", "local[2,4]"),
                    "--conf", conf(standin, retried).toString())) {
                assertEquals(FrameBudgetJob.EXIT_OK, job.awaitExit(Duration.ofMinutes(5)), job.tail());
            }
            List<String> retriedQueries = sqlSince(standin.server(), queriesBefore);
            System.out.printf("run on local[2,4] (own JVM): %.1f s%n", (System.nanoTime() - started) / 1e9);
            started = System.nanoTime();

            Path clean = temp.resolve("clean");
            int cleanFrom = standin.server().receivedQueries().size();
            Outcome cleanRun = JobRuns.run("--conf", conf(standin, clean).toString());
            assertEquals(FrameBudgetJob.EXIT_OK, cleanRun.status(), cleanRun.err());
            List<String> cleanQueries = sqlSince(standin.server(), cleanFrom);
            System.out.printf("clean run (this JVM): %.1f s%n", (System.nanoTime() - started) / 1e9);

            String output = Files.readString(log);
            output.lines().filter(l -> l.contains("Lost task")).forEach(System.out::println);
            List<String> lostTasks = output.lines().filter(l -> l.contains("Lost task")).toList();
            assertEquals(1, lostTasks.size(), "exactly one task attempt failed:\n" + output);
            assertTrue(lostTasks.get(0).contains("UNAVAILABLE") && lostTasks.get(0).contains("fault injection"),
                    lostTasks.get(0));
            assertFalse(output.contains("leaked") || output.contains("Leaked"), "no Arrow memory leaked:\n" + output);

            Map<String, Long> extra = counts(retriedQueries);
            counts(cleanQueries).forEach((sql, n) -> extra.merge(sql, -n, Long::sum));
            extra.values().removeIf(n -> n == 0);
            assertEquals(1, extra.size(), "one statement more than a clean run: " + extra);
            Map.Entry<String, Long> again = extra.entrySet().iterator().next();
            assertEquals(1L, again.getValue(), "the cut stream was requested again once, by the retried task");
            assertTrue(again.getKey().contains("FROM view_instance('thread_spans'"), again.getKey());

            SparkSession spark = SharedSpark.get();
            TableComparison.assertSameTables(spark, clean, retried);
            AllocatorChecks.assertAllClosedAtZero();
        }
    }

    private static List<String> sqlSince(StandinServer server, int from) {
        List<StandinServer.ReceivedQuery> all = server.receivedQueries();
        return all.subList(from, all.size()).stream().map(StandinServer.ReceivedQuery::sql).toList();
    }

    private static Map<String, Long> counts(List<String> sql) {
        return new HashMap<>(sql.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting())));
    }

    private Path conf(StandinMain.Running standin, Path root) throws Exception {
        Path conf = Files.createTempFile(temp, "job", ".conf");
        Files.writeString(conf, "include file(\"" + Path.of("conf/demo.conf").toAbsolutePath() + "\")\n"
                + "framebudgets.source.uri = \"" + standin.server().uri() + "\"\n"
                + "framebudgets.output.root = \"" + root + "\"\n"
                + "framebudgets.output.html-report = false\n");
        return conf;
    }
}
