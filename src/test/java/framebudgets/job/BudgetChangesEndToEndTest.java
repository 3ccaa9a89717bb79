package framebudgets.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import framebudgets.FrameBudgetJob;
import framebudgets.config.ReportSettings;
import framebudgets.config.ReportWindow;
import framebudgets.config.SettingsLoader;
import framebudgets.micromegas.TelemetryReader;
import framebudgets.report.ReportAssertions;
import framebudgets.report.ReportOracle;
import framebudgets.report.ThreadMode;
import framebudgets.standin.StandinDatabase;
import framebudgets.standin.StandinServer;
import framebudgets.standin.telemetry.GeneratorSettings;
import framebudgets.standin.telemetry.TelemetryGenerator;
import framebudgets.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nightly runs into the same Delta tables, the second on a night where a new build really made
 * Physics slower (the generator's physics regression): the second run's {@code budget_changes} rows
 * must equal an independent computation from the brute-force {@link ReportOracle} (fed by
 * {@link GroundTruth}, plain JDBC on the stand-in's database): the baseline build, absolute and %
 * changes, and the regression flag above the threshold only.
 */
class BudgetChangesEndToEndTest {
    private static final LocalDate FIRST_NIGHT = LocalDate.parse("2025-07-23");
    private static final LocalDate SECOND_NIGHT = LocalDate.parse("2025-07-24");
    private static final String OLD_BUILD = "++MyGame+Main-CL-52210";
    private static final String NEW_BUILD = "++MyGame+Main-CL-52345";
    private static final double THRESHOLD_PERCENT = 10;
    private static final long MIN_CHANGE = 100_000L;
    private static final Map<String, List<String>> BUDGETS = Map.of(
            "Physics", List.of("TG_EndPhysics", "FStartPhysicsTickFunction_ExecuteTick"),
            "Game", List.of("Tick Time", "GT Tickable Time"),
            "UI", List.of("Slate::Tick (Time and Widgets)", "Slate::Tick (Platform and Input)"),
            "Networking", List.of("Net Tick Time", "NetBroadcastTickTime"),
            "Waits", List.of("Frame Sync Time"));

    @TempDir
    Path temp;

    @Test
    void aNewBuildsPhysicsRegressionIsFlaggedAgainstThePreviousNightAndNothingBelowTheThresholdIs() throws Exception {
        GeneratorSettings night = GeneratorSettings.defaults().withProcesses(2).withMinutes(0.2).withSpansPerFrame(100)
                .withWorkers(0);
        try (StandinDatabase database = StandinDatabase.inMemory()) {
            GroundTruth truth;
            try (Connection connection = database.newConnection()) {
                TelemetryGenerator.generate(night.withSeed(1).withStart(noon(FIRST_NIGHT)).withBuilds(List.of(OLD_BUILD)), connection);
                TelemetryGenerator.generate(night.withSeed(2).withStart(noon(SECOND_NIGHT)).withBuilds(List.of(OLD_BUILD, NEW_BUILD))
                        .withPhysicsRegressionMs(1.0), connection);
                truth = new GroundTruth(connection);
            }
            try (StandinServer server = StandinServer.builder(database).strict(true).start()) {
                Path root = temp.resolve("reports");
                run(server, root, FIRST_NIGHT);
                run(server, root, SECOND_NIGHT);

                List<Row> changes = SharedSpark.get().read().format("delta").load(root.resolve("budget_changes").toString())
                        .collectAsList();
                assertTrue(changes.stream().noneMatch(r -> r.<Date>getAs("report_date").toLocalDate().equals(FIRST_NIGHT)),
                        "the first night has no baseline");
                List<List<Object>> expected = expectedChanges(truth);
                List<List<Object>> actual = new ArrayList<>();
                for (Row r : changes) {
                    actual.add(rounded(Arrays.asList(r.getAs("exe"), r.getAs("build"), r.getAs("budget"),
                            r.<Date>getAs("baseline_report_date").toLocalDate(), r.getAs("baseline_build"),
                            r.getAs("baseline_p95_duration"), r.getAs("p95_duration"), r.getAs("change_p95_duration"),
                            r.getAs("change_p95_percent"), r.getAs("baseline_mean_duration"), r.getAs("mean_duration"),
                            r.getAs("change_mean_percent"), r.getAs("regression"))));
                }
                ReportAssertions.assertSameRows("budget changes of the second night", expected, actual);

                assertTrue(expected.stream().anyMatch(r -> r.get(1).equals(NEW_BUILD) && r.get(2).equals("Physics")
                        && (Double) r.get(8) > 2 * THRESHOLD_PERCENT && (Boolean) r.get(12)), "the new build's Physics regressed: " + expected);
                assertTrue(expected.stream().anyMatch(r -> r.get(1).equals(OLD_BUILD) && r.get(2).equals("Physics")
                        && !(Boolean) r.get(12)), "the old build's Physics did not: " + expected);
                assertTrue(expected.stream().anyMatch(r -> (Long) r.get(7) != 0 && Math.abs((Double) r.get(8)) <= THRESHOLD_PERCENT),
                        "some budgets changed by less than the threshold: " + expected);
                for (List<Object> r : expected) {
                    if ((Double) r.get(8) <= THRESHOLD_PERCENT) {
                        assertFalse((Boolean) r.get(12), "no flag at or below the threshold: " + r);
                    }
                }
            }
        }
    }

    /** Every row of the second night's budget changes, from the oracle's aggregates of both nights. */
    private static List<List<Object>> expectedChanges(GroundTruth truth) {
        ReportOracle oracle = new ReportOracle(BUDGETS, null, ThreadMode.MAIN_THREAD, 5);
        List<List<Object>> before = aggregatesByExe(oracle, truth, FIRST_NIGHT);
        Map<String, String> baselineBuild = new HashMap<>();
        Map<String, Long> baselineFrames = new HashMap<>();
        for (List<Object> r : before) {
            String exe = (String) r.get(0);
            long frames = (Long) r.get(13);
            if (frames > baselineFrames.getOrDefault(exe, -1L)) {
                baselineFrames.put(exe, frames);
                baselineBuild.put(exe, (String) r.get(1));
            }
        }
        Map<List<Object>, List<Object>> baseline = new HashMap<>();
        for (List<Object> r : before) {
            if (r.get(1).equals(baselineBuild.get(r.get(0)))) {
                baseline.put(List.of(r.get(0), r.get(2)), r);
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> now : aggregatesByExe(oracle, truth, SECOND_NIGHT)) {
            List<Object> then = baseline.get(List.of(now.get(0), now.get(2)));
            if (then == null) {
                continue;
            }
            long p95Then = (Long) then.get(11);
            long p95Now = (Long) now.get(11);
            double meanThen = (Double) then.get(8);
            double meanNow = (Double) now.get(8);
            long change = p95Now - p95Then;
            Double percent = p95Then > 0 ? change * 100.0 / p95Then : null;
            boolean regression = change >= Math.max(1, MIN_CHANGE) && (p95Then == 0 || percent > THRESHOLD_PERCENT);
            rows.add(rounded(Arrays.asList(now.get(0), now.get(1), now.get(2), FIRST_NIGHT, then.get(1), p95Then, p95Now, change,
                    percent, meanThen, meanNow, meanThen > 0 ? (meanNow - meanThen) * 100.0 / meanThen : null, regression)));
        }
        assertEquals(Map.of("MyGame-Win64-Shipping.exe", OLD_BUILD), baselineBuild);
        return rows;
    }

    private static List<List<Object>> aggregatesByExe(ReportOracle oracle, GroundTruth truth, LocalDate night) {
        long from = ReportRun.epochNanos(night.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        long to = from + 86_400_000_000_000L;
        GroundTruth.Run run = truth.run(from, to, TelemetryReader.FRAME_OVERRUN.toNanos(), "FEngineLoop::Tick", "GameThread",
                ThreadMode.MAIN_THREAD);
        return oracle.aggregatesByExe(oracle.frameStats(run.telemetry()), run.telemetry());
    }

    /** Doubles to 9 significant digits: Spark and Java may round a last bit differently. */
    private static List<Object> rounded(List<Object> row) {
        List<Object> out = new ArrayList<>();
        for (Object value : row) {
            out.add(value instanceof Double d ? Double.valueOf(String.format(java.util.Locale.ROOT, "%.9g", d)) : value);
        }
        return out;
    }

    private void run(StandinServer server, Path root, LocalDate night) throws Exception {
        Map<String, Object> fb = new LinkedHashMap<>();
        fb.put("source", Map.of("uri", server.uri().toString(), "token-env", ""));
        fb.put("window", Map.of("date", night.toString()));
        fb.put("budgets", BUDGETS);
        fb.put("baseline", Map.of("regression-threshold", THRESHOLD_PERCENT + "%", "min-change", MIN_CHANGE + "ns"));
        fb.put("output", Map.of("root", root.toString(), "html-report", false));
        Path file = Files.createTempFile(temp, "night", ".conf");
        Files.writeString(file, ConfigValueFactory.fromMap(Map.of("framebudgets", fb))
                .render(ConfigRenderOptions.defaults().setOriginComments(false)));
        ReportSettings settings = SettingsLoader.load(file);
        RunResult result = new ReportRun(SharedSpark.get(), settings, ReportWindow.ofDate(night), FrameBudgetJob.newRunId()).run();
        result.frameTotals().unpersist();
        assertEquals("ok", result.status());
        assertTrue(result.frames() > 1_000, "both processes' frames are reported: " + result.frames());
    }

    private static Instant noon(LocalDate night) {
        return night.atTime(12, 0).toInstant(java.time.ZoneOffset.UTC);
    }
}
