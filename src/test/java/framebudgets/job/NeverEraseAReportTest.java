package framebudgets.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.FrameBudgetJob;
import framebudgets.flightsql.AllocatorChecks;
import framebudgets.standin.StandinMain;
import framebudgets.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A good report of a window is written first; then runs that find nothing, or less than the tables
 * hold, or whose server fails, must leave every file of every report table and the HTML report
 * byte for byte as it was, end with their own status and exit code, and say what they looked for
 * and what was there. Only the run log gains a row.
 */
class NeverEraseAReportTest {
    private static final String[] CHANGING = {"run_log", "_running"};

    @TempDir
    static Path temp;
    static StandinMain.Running standin;
    static Path root;

    @BeforeAll
    static void aGoodReport() throws Exception {
        standin = StandinMain.launch(new String[] {"--port", "0", "--seed", "11", "--processes", "2", "--minutes", "0.05",
                "--spans-per-frame", "200", "--workers", "1", "--start", "2025-07-24T12:00:00Z"}, Map.of());
        root = temp.resolve("good");
        Outcome good = JobRuns.run("--conf", conf(standin.server().uri().toString(), root, "").toString());
        assertEquals(FrameBudgetJob.EXIT_OK, good.status(), good.out() + good.err());
        assertTrue(Files.isRegularFile(root.resolve("report-2025-07-24.html")));
    }

    @AfterAll
    static void stop() {
        standin.close();
        AllocatorChecks.assertAllClosedAtZero();
    }

    @Test
    void aMainThreadThatMatchesNothingWritesNothingAndNamesTheThreadsSeen() throws Exception {
        Outcome run = rerun("framebudgets.frames.main-thread = \"GameThread \"\n");
        assertEquals(FrameBudgetJob.EXIT_NOT_WRITTEN, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("no thread named 'GameThread ' (framebudgets.frames.main-thread) in 2 processes; "
                + "threads seen: ") && run.out().contains("GameThread, ") && run.out().contains("RenderThread"), run.out());
        assertTrue(run.out().contains(": empty, window"), run.out());
        assertLastRunLog("empty", "no thread named 'GameThread '");
    }

    @Test
    void aFrameNameThatMatchesNothingWritesNothingAndNamesTheSpansSeen() throws Exception {
        Outcome run = rerun("framebudgets.frames.span-name = \"FEngineLoop::Tik\"\n");
        assertEquals(FrameBudgetJob.EXIT_NOT_WRITTEN, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("no frame named 'FEngineLoop::Tik' (framebudgets.frames.span-name)")
                && run.out().contains("span names seen there: "), run.out());
        assertLastRunLog("empty", "no frame named");
    }

    @Test
    void processFiltersThatMatchNothingWriteNothing() throws Exception {
        Outcome run = rerun("framebudgets.processes.exe = [\"NoSuchGame.exe\"]\n");
        assertEquals(FrameBudgetJob.EXIT_NOT_WRITTEN, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("no process in the window matched framebudgets.processes { exe = ['NoSuchGame.exe'] }"),
                run.out());
        assertLastRunLog("empty", "no process");
    }

    @Test
    void aRunReportingFewerProcessesThanTheWindowHasKeepsTheRowsUnlessToldToReplace() throws Exception {
        Outcome run = rerun("framebudgets.processes.max-count = 1\n");
        assertEquals(FrameBudgetJob.EXIT_NOT_WRITTEN, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("for 1 processes that this run would drop") && run.out().contains("--replace"), run.out());
        assertLastRunLog("kept", "would drop");
    }

    @Test
    void aServerThatCutsEveryStreamLeavesTheReportAsItWas() throws Exception {
        try (StandinMain.Running dying = StandinMain.launch(new String[] {"--port", "0", "--seed", "11", "--processes", "2",
                "--minutes", "0.05", "--spans-per-frame", "200", "--workers", "1", "--start", "2025-07-24T12:00:00Z",
                "--cut-streams", "1000", "--cut-after-batches", "1"}, Map.of())) {
            Map<String, String> before = OutputFolder.digests(root, CHANGING);
            Outcome run = JobRuns.run("--conf", conf(dying.server().uri().toString(), root, "").toString());
            assertEquals(FrameBudgetJob.EXIT_PARTIAL, run.status(), run.out() + run.err());
            assertTrue(run.out().contains("could not be read") && run.out().contains("nothing written"), run.out());
            assertFalse(run.out().contains("no frames in the window"), "an outage is not an empty window: " + run.out());
            assertEquals(before, OutputFolder.digests(root, CHANGING), "every table and the HTML report as they were");
            assertLastRunLog("partial", "could not be read");
        }
    }

    @Test
    void aServerThatIsGoneFailsTheRunAndLeavesTheReportAsItWas() throws Exception {
        StandinMain.Running gone = StandinMain.launch(new String[] {"--port", "0", "--seed", "11", "--processes", "1",
                "--minutes", "0.01"}, Map.of());
        String uri = gone.server().uri().toString();
        gone.close();
        Map<String, String> before = OutputFolder.digests(root, CHANGING);
        Outcome run = JobRuns.run("--conf", conf(uri, root, "").toString());
        assertEquals(FrameBudgetJob.EXIT_FAILED, run.status(), run.out() + run.err());
        assertEquals(before, OutputFolder.digests(root, CHANGING));
    }

    /** Reruns the good report's window with {@code extra} settings; checks that no table or report file changed. */
    private static Outcome rerun(String extra) throws Exception {
        Map<String, String> before = OutputFolder.digests(root, CHANGING);
        Outcome run = JobRuns.run("--conf", conf(standin.server().uri().toString(), root, extra).toString());
        assertEquals(before, OutputFolder.digests(root, CHANGING), "every table and the HTML report as they were: " + run.out());
        assertNotEquals(FrameBudgetJob.EXIT_OK, run.status());
        return run;
    }

    private static void assertLastRunLog(String status, String message) {
        SparkSession spark = SharedSpark.get();
        Row last = spark.read().format("delta").load(root.resolve("run_log").toString())
                .orderBy(org.apache.spark.sql.functions.col("finished_at").desc()).head();
        assertEquals(status, last.getAs("status"));
        assertTrue(last.<String>getAs("message").contains(message), last.<String>getAs("message"));
        assertEquals(Map.of(), last.getJavaMap(last.fieldIndex("rows_written")));
    }

    static Path conf(String uri, Path output, String extra) throws Exception {
        Path conf = Files.createTempFile(output.getParent(), "job", ".conf");
        Files.writeString(conf, "include file(\"" + Path.of("conf/demo.conf").toAbsolutePath() + "\")\n"
                + "framebudgets.source.uri = \"" + uri + "\"\n"
                + "framebudgets.output.root = \"" + output + "\"\n" + extra);
        return conf;
    }

}
