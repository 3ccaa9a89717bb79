package framebudgets.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.FrameBudgetJob;
import framebudgets.cluster.ChildProcess;
import framebudgets.standin.StandinMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's last words when it is stopped with SIGTERM (an operator's {@code kill}, a scheduler's
 * timeout) while it reads telemetry: a real JVM of its own gets a real signal over tables written
 * by a good run of the window. It says that the run was interrupted, in which phase, that no table
 * was written and to rerun the window; it ends with status 143 (128 + SIGTERM, the JVM's, after the
 * shutdown hook), writes no run log row and leaves the output root byte for byte as it was.
 */
class StoppedWithSigtermIT {
    private static final int EXIT_SIGTERM = 128 + 15;

    @TempDir
    Path temp;

    @Test
    void aRunStoppedWhileReadingSaysSoAndChangesNothing() throws Exception {
        try (StandinMain.Running standin = StandinMain.launch(new String[] {
                "--port", "0", "--seed", "19", "--processes", "2", "--minutes", "0.2", "--spans-per-frame", "150",
                "--workers", "2", "--start", "2025-07-24T12:00:00Z"}, Map.of())) {
            Path root = temp.resolve("out");
            Path conf = temp.resolve("job.conf");
            Files.writeString(conf, "include file(\"" + Path.of("conf/demo.conf").toAbsolutePath() + "\")\n"
                    + "framebudgets.source.uri = \"" + standin.server().uri() + "\"\n"
                    + "framebudgets.output.root = \"" + root + "\"\n");
            Outcome good = JobRuns.run("--conf", conf.toString());
            assertEquals(FrameBudgetJob.EXIT_OK, good.status(), good.err());
            Map<String, String> before = OutputFolder.digests(root);

            Path log = temp.resolve("stopped.log");
            try (ChildProcess job = JobProcess.start("job to stop", log, Map.of(), "--conf", conf.toString())) {
                job.awaitOutput(Pattern.compile("read main threads: started"), Duration.ofMinutes(5));
                job.handle().destroy(); // SIGTERM
                int status = job.awaitExit(Duration.ofMinutes(2));
                String said = job.output();
                assertEquals(EXIT_SIGTERM, status, said);
                assertTrue(Pattern.compile("frame-budgets: run \\S+ was interrupted \\(the JVM was stopped, e\\.g\\. SIGTERM\\) "
                        + "during phase '(read main threads|index frames|read telemetry|check data)'\\. No table was written: "
                        + "every table is unchanged\\. Rerun the window\\.").matcher(said).find(), said);
                assertFalse(said.contains("INTERNAL_ERROR") || said.contains("No active or default Spark session"), said);
            }
            assertEquals(before, OutputFolder.digests(root), "every table, the run log and the HTML report are as they were");
        }
    }
}
