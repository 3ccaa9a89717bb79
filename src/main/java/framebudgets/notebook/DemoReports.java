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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Nightly report tables for a notebook to explore when there are none yet: the job's run, in-process,
 * with conf/demo.conf's settings on the stand-in's synthetic telemetry (two game processes a night,
 * smaller than ./submit.sh's demo so a notebook stays quick) for two nights: a baseline night on
 * build {@value #BASELINE_BUILD}, then a night on build {@value #NEW_BUILD}, whose GameThread
 * physics got {@value #PHYSICS_REGRESSION_MS} ms slower per frame, so the second report's budget
 * changes show a real regression.
 */
public final class DemoReports {
    /** The baseline night. */
    public static final ReportWindow BASELINE = ReportWindow.ofDate(LocalDate.parse("2025-07-23"));
    /** The latest night, demo.conf's date. */
    public static final ReportWindow LATEST = ReportWindow.ofDate(LocalDate.parse("2025-07-24"));
    public static final String BASELINE_BUILD = "++MyGame+Main-CL-52210";
    public static final String NEW_BUILD = "++MyGame+Main-CL-52345";
    /** How much longer {@code TG_EndPhysics} runs per frame on the new build. */
    public static final String PHYSICS_REGRESSION_MS = "2";

    private DemoReports() {}

    /**
     * Leaves {@code root} as it is when it already holds a run log; otherwise runs the job with
     * {@code demoConf} (its output root replaced by {@code root}) for {@link #BASELINE} and
     * {@link #LATEST}, each on its own night of telemetry.
     *
     * @return one line saying what was found or written (naming the folder, not its absolute path)
     */
    public static String ensure(SparkSession spark, Path demoConf, Path root) throws Exception {
        if (Files.isDirectory(root.resolve("run_log"))) {
            return "report tables found in " + root.getFileName();
        }
        List<String> runs = new ArrayList<>();
        runs.add(night(spark, demoConf, root, BASELINE, "7", List.of("--builds", BASELINE_BUILD)));
        runs.add(night(spark, demoConf, root, LATEST, "8",
                List.of("--builds", NEW_BUILD, "--physics-regression-ms", PHYSICS_REGRESSION_MS)));
        return "wrote demo report tables to " + root.getFileName() + ": " + String.join("; ", runs);
    }

    private static String night(SparkSession spark, Path demoConf, Path root, ReportWindow window, String seed,
            List<String> buildOptions) throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--seed", seed, "--processes", "2", "--minutes", "1",
                "--spans-per-frame", "100", "--workers", "2", "--start", window.from().plusSeconds(12 * 3600).toString()));
        args.addAll(buildOptions);
        try (StandinMain.Running telemetry = StandinMain.launch(args.toArray(new String[0]), Map.of())) {
            ReportSettings settings = SettingsLoader.load(ConfigFactory.parseMap(Map.of(
                            "framebudgets.output.root", root.toString(),
                            "framebudgets.source.uri", telemetry.server().uri().toString()))
                    .withFallback(ConfigFactory.parseFile(demoConf.toFile())));
            RunResult result = new ReportRun(spark, settings, window, FrameBudgetJob.newRunId()).run();
            result.frameTotals().unpersist();
            return "night " + window.reportDate() + " (" + String.join(" ", buildOptions) + "): run " + result.runId() + " "
                    + result.status() + ", " + result.frames() + " frames";
        }
    }
}
