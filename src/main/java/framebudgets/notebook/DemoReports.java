package framebudgets.notebook;

import com.typesafe.config.ConfigFactory;
import framebudgets.FrameBudgetJob;
import framebudgets.config.ReportSettings;
import framebudgets.config.ReportWindow;
import framebudgets.config.SettingsLoader;
import framebudgets.job.ReportRun;
import framebudgets.job.RunResult;
import framebudgets.standin.StandinMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Nightly report tables for a notebook to explore when there are none yet: the job's run, in-process,
 * with conf/demo.conf's settings on the stand-in's synthetic telemetry (two game processes, smaller
 * than ./submit.sh's demo so a notebook stays quick) over two consecutive windows of the demo day,
 * so the explorer has a baseline to compare the latest window with.
 */
public final class DemoReports {
    /** The first half-minute of the demo telemetry: the baseline. */
    public static final ReportWindow BASELINE = new ReportWindow(
            Instant.parse("2025-07-24T12:00:00Z"), Instant.parse("2025-07-24T12:00:30Z"), LocalDate.parse("2025-07-24"));
    /** The second half-minute: the "latest" window. */
    public static final ReportWindow LATEST = new ReportWindow(
            Instant.parse("2025-07-24T12:00:30Z"), Instant.parse("2025-07-24T12:01:00Z"), LocalDate.parse("2025-07-24"));

    private DemoReports() {}

    /**
     * Leaves {@code root} as it is when it already holds a run log; otherwise runs the job with
     * {@code demoConf} (its output root replaced by {@code root}) for {@link #BASELINE} and
     * {@link #LATEST}.
     *
     * @return one line saying what was found or written
     */
    public static String ensure(SparkSession spark, Path demoConf, Path root) throws Exception {
        if (Files.isDirectory(root.resolve("run_log"))) {
            return "report tables found in " + root;
        }
        List<String> runs = new ArrayList<>();
        try (StandinMain.Running telemetry = StandinMain.launch(new String[] {
                "--port", "0", "--seed", "7", "--processes", "2", "--minutes", "1", "--spans-per-frame", "100",
                "--workers", "2", "--start", "2025-07-24T12:00:00Z"}, Map.of())) {
            ReportSettings settings = SettingsLoader.load(ConfigFactory.parseMap(Map.of(
                            "framebudgets.output.root", root.toString(),
                            "framebudgets.source.uri", telemetry.server().uri().toString()))
                    .withFallback(ConfigFactory.parseFile(demoConf.toFile())));
            for (ReportWindow window : List.of(BASELINE, LATEST)) {
                RunResult result = new ReportRun(spark, settings, window, FrameBudgetJob.newRunId()).run();
                result.frameTotals().unpersist();
                runs.add("run " + result.runId() + " [" + window.from() + ", " + window.to() + "): "
                        + result.status() + ", " + result.frames() + " frames");
            }
        }
        return "wrote demo report tables to " + root + ": " + String.join("; ", runs);
    }
}
