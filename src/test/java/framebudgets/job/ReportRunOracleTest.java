package framebudgets.job;

import static framebudgets.report.ReportAssertions.assertSameRows;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import framebudgets.config.ReportSettings;
import framebudgets.config.ReportWindow;
import framebudgets.config.SettingsLoader;
import framebudgets.micromegas.TelemetryReader;
import framebudgets.report.ReportOracle;
import framebudgets.report.ReportSchemas;
import framebudgets.report.ThreadMode;
import framebudgets.standin.StandinDatabase;
import framebudgets.standin.MicromegasProfile;
import framebudgets.standin.StandinServer;
import framebudgets.testing.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole job end to end against the brute-force {@link ReportOracle}: {@link EdgeCaseTelemetry}
 * in the stand-in's DuckDB, served over Flight SQL (strict mode, like micromegas), the job run with
 * settings loaded from a real config file into Delta tables, the tables read back and every row
 * compared with the oracle fed from {@link GroundTruth} (plain JDBC on the same database).
 */
class ReportRunOracleTest {
    private static StandinDatabase database;
    private static StandinServer newest;
    private static StandinServer v011;
    /** The server of the current test: the newest micromegas surface unless a case names 0.11. */
    private static StandinServer server;
    private static GroundTruth truth;
    private static final ExecutedPlans PLANS = new ExecutedPlans();
    private static final long FRAME_TARGET = 15 * EdgeCaseTelemetry.MS;
    private static final long HITCH = 17 * EdgeCaseTelemetry.MS;
    private static final Pattern THREAD_SPANS = Pattern.compile("view_instance\\('thread_spans', '([0-9a-f-]+)'\\)");

    @TempDir
    static Path temp;

    @BeforeAll
    static void serve() throws Exception {
        database = StandinDatabase.inMemory();
        try (Connection connection = database.newConnection()) {
            EdgeCaseTelemetry.write(connection, 20250724L);
            truth = new GroundTruth(connection);
        }
        newest = StandinServer.builder(database).strict(true).start();
        v011 = StandinServer.builder(database).strict(true).profile(MicromegasProfile.V0_11).start();
        server = newest;
        SharedSpark.get().sparkContext().addSparkListener(PLANS);
    }

    @AfterAll
    static void stop() {
        SharedSpark.get().sparkContext().removeSparkListener(PLANS);
        try (StandinDatabase db = database) {
            newest.close();
            v011.close();
        }
    }

    @BeforeEach
    void newestByDefault() {
        server = newest;
    }

    static Stream<Arguments> configurations() {
        return Stream.of(
                Arguments.of("budgets, main thread", "newest", "budget", "", "main-thread", 3),
                Arguments.of("budgets + Other, all threads", "newest", "budget", "Other", "all-threads", 3),
                Arguments.of("span names, all threads", "newest", "span-name", "", "all-threads", 2),
                Arguments.of("micromegas 0.11, budgets, main thread", "0.11", "budget", "", "main-thread", 3),
                Arguments.of("micromegas 0.11, budgets + Other, all threads", "0.11", "budget", "Other", "all-threads", 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void everyRowOfEveryTableEqualsTheOracle(String label, String micromegas, String groupBy, String other, String threads,
            int topN) throws Exception {
        server = MicromegasProfile.parse(micromegas) == MicromegasProfile.V0_11 ? v011 : newest;
        Map<String, Object> config = config(groupBy, other, threads, topN, EdgeCaseTelemetry.FRAME, List.of());
        Path root = temp.resolve(label.replaceAll("[^a-z]+", "-"));
        ReportSettings settings = settings(config, root);
        ReportWindow window = ReportWindow.resolve(settings.window(), null, null, null, Clock.systemUTC());
        assertEquals(new ReportWindow(EdgeCaseTelemetry.FROM, EdgeCaseTelemetry.TO, LocalDate.of(2025, 7, 24)), window);
        String runId = "oracle-" + root.getFileName();

        PLANS.clear();
        List<StandinServer.ReceivedQuery> before = server.receivedQueries();
        RunResult result = new ReportRun(SharedSpark.get(), settings, window, runId).run();
        List<String> plans = PLANS.awaitAll(SharedSpark.get());
        Map<String, Long> spanReads = spanReadsPerStream(sentSince(before));
        assertEquals(result.processesReported(), mainThreadStreams(settings).stream().filter(spanReads::containsKey).count(),
                "every reported process's main thread is read: " + spanReads);
        assertEquals(Set.of(1L), Set.copyOf(spanReads.values()),
                "each stream's thread_spans is queried once per run, the main thread's included: " + spanReads);
        assertTrue(plans.stream().anyMatch(p -> p.contains("MapPartitions")),
                "the run's plans include the frame index lookup");
        for (String plan : plans) {
            assertFalse(plan.contains("NestedLoopJoin") || plan.contains("CartesianProduct"), plan);
        }

        ThreadMode mode = threads.equals("all-threads") ? ThreadMode.ALL_THREADS : ThreadMode.MAIN_THREAD;
        GroundTruth.Run expected = truth.run(EdgeCaseTelemetry.epochNanos(EdgeCaseTelemetry.FROM),
                EdgeCaseTelemetry.epochNanos(EdgeCaseTelemetry.TO), TelemetryReader.FRAME_OVERRUN.toNanos(),
                EdgeCaseTelemetry.FRAME, EdgeCaseTelemetry.MAIN_THREAD, mode);
        ReportOracle oracle = new ReportOracle(groupBy.equals("budget") ? EdgeCaseTelemetry.BUDGETS : null,
                other.isEmpty() ? null : other, mode, topN).withTargets(targetNanos(groupBy, other), FRAME_TARGET, HITCH);
        List<List<Object>> frameStats = oracle.frameStats(expected.telemetry());
        List<List<Object>> top = oracle.topOffenders(frameStats);
        assertTrue(expected.telemetry().frames().size() > 100 && frameStats.size() > 300,
                "the data exercises the report: " + expected.telemetry().frames().size() + " frames, " + frameStats.size() + " frame stats");
        assertTrue(top.size() < frameStats.size(), "the top-N cut is exercised");
        assertEquals(Set.of(EdgeCaseTelemetry.uuid(4, 0).toString(), EdgeCaseTelemetry.uuid(8, 0).toString()),
                expected.skipped(), "the ground truth skips the processes without a GameThread");

        assertEquals("ok", result.status(), "processes without a main thread are skipped, not failed");
        assertEquals(List.of(), result.failures());
        assertEquals(expected.telemetry().processes().size(), result.processesAttempted());
        assertEquals(expected.skipped(), skippedIds(result));
        assertEquals(expected.telemetry().frames().size(), result.frames());

        assertSameRows("frame stats", frameStats, table(settings, "frame_stats", runId, window, ReportSchemas.FRAME_STATS.fieldNames()));
        List<List<Object>> byExe = oracle.aggregatesByExe(frameStats, expected.telemetry());
        assertSameRows("aggregates by process", oracle.aggregatesByProcess(frameStats, expected.telemetry()),
                table(settings, "aggregates_by_process", runId, window, ReportSchemas.AGGREGATES_BY_PROCESS.fieldNames()));
        assertSameRows("aggregates by exe", byExe,
                table(settings, "aggregates_by_exe", runId, window, ReportSchemas.AGGREGATES_BY_EXE.fieldNames()));
        assertSameRows("frames by process", oracle.framesByProcess(expected.telemetry()),
                table(settings, "frames_by_process", runId, window, ReportSchemas.FRAMES_BY_PROCESS.fieldNames()));
        assertSameRows("frames by exe", oracle.framesByExe(expected.telemetry()),
                table(settings, "frames_by_exe", runId, window, ReportSchemas.FRAMES_BY_EXE.fieldNames()));
        assertTrue(byExe.stream().anyMatch(r -> r.get(17) != null), "targets are exercised");
        List<List<Object>> framesByExe = oracle.framesByExe(expected.telemetry());
        assertTrue(framesByExe.stream().anyMatch(r -> (Long) r.get(15) > 0), "hitches are exercised");
        assertTrue(framesByExe.stream().map(r -> r.get(1)).distinct().count() >= 3
                && framesByExe.stream().anyMatch(r -> r.get(1) == null), "builds (and processes without one) are exercised: " + framesByExe);
        assertEquals(List.of(), table(settings, "budget_changes", runId, window, ReportSchemas.BUDGET_CHANGES.fieldNames()),
                "a first report has no baseline");
        assertTrue(Files.isRegularFile(root.resolve("report-2025-07-24.html")), "the HTML report is written");
        String page = Files.readString(root.resolve("report-2025-07-24.html"));
        int budget = ReportSchemas.AGGREGATES_BY_EXE.fieldIndex("budget");
        for (List<Object> row : byExe) {
            String name = (String) row.get(budget);
            assertTrue(!name.matches("[A-Za-z0-9 :_.-]+") || page.contains(name), "the HTML report shows budget " + name);
        }
        assertEquals(Map.of("frame_stats", true, "aggregates_by_process", 1, "aggregates_by_exe", 1, "top_offenders", 1,
                        "frames_by_process", 1, "frames_by_exe", 1),
                Map.of("frame_stats", between(1, 4, files(settings, "frame_stats", window)),
                        "aggregates_by_process", files(settings, "aggregates_by_process", window),
                        "aggregates_by_exe", files(settings, "aggregates_by_exe", window),
                        "top_offenders", files(settings, "top_offenders", window),
                        "frames_by_process", files(settings, "frames_by_process", window),
                        "frames_by_exe", files(settings, "frames_by_exe", window)),
                "data files per table for the report date: a handful for frame stats, one for each small table");
        assertSameRows("top offenders", top, table(settings, "top_offenders", runId, window, ReportSchemas.TOP_OFFENDERS.fieldNames()));

        Row log = runLog(settings);
        assertEquals(runId, log.getAs("run_id"));
        assertEquals("ok", log.getAs("status"));
        assertEquals(2, (int) log.<Integer>getAs("processes_skipped"));
        assertEquals(0, (int) log.<Integer>getAs("processes_failed"));
        assertEquals((long) expected.telemetry().frames().size(), (long) log.<Long>getAs("frames"));
        assertEquals(expected.telemetry().processes().size(), (int) log.<Integer>getAs("processes_attempted"));
        assertEquals(expected.telemetry().processes().size() - 2, (int) log.<Integer>getAs("processes_ok"));
    }

    @Test
    void aFrameNameMatchingNothingGivesAWarningAndAnEmptyReport() throws Exception {
        Map<String, Object> config = config("budget", "Other", "all-threads", 5, "No'Such::Frame",
                List.of("Game.exe", "Server.exe"));
        ReportSettings settings = settings(config, temp.resolve("no-frames"));
        ReportWindow window = ReportWindow.resolve(settings.window(), null, null, null, Clock.systemUTC());
        SparkSession spark = SharedSpark.get();
        RunResult result;
        List<String> warnings;
        try (CapturedLog captured = CapturedLog.of("framebudgets.job")) {
            result = new ReportRun(spark, settings, window, "no-frames").run();
            warnings = captured.warnings();
        }

        assertEquals("ok", result.status());
        assertEquals(0, result.frames());
        assertEquals(4, result.processesReported(), "p1, p2, p3 and p5 pass the exe filter and have a GameThread");
        assertTrue(warnings.stream().anyMatch(w -> w.contains("No'Such::Frame") && w.contains("empty")), warnings.toString());
        for (String name : List.of("frame_stats", "aggregates_by_process", "aggregates_by_exe", "top_offenders")) {
            assertEquals(List.of(), table(settings, name, "no-frames", window, new String[] {"process_id"}), name);
        }
        Row log = runLog(settings);
        assertEquals("ok", log.getAs("status"));
        assertEquals("no frames in the window", log.getAs("message"));
        assertEquals(Map.of(), log.getJavaMap(log.fieldIndex("data_issues")), "nothing read, nothing counted");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        RunReport.print(new PrintStream(printed, true, StandardCharsets.UTF_8), SharedSpark.get(), result, settings.output());
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("no frames in the window: nothing to report"), printed.toString());
    }

    private static Map<String, Object> config(String groupBy, String other, String threads, int topN, String frameName,
                                              List<String> exe) {
        Map<String, Object> fb = new LinkedHashMap<>();
        fb.put("source", Map.of("uri", server.uri().toString(), "token-env", ""));
        fb.put("window", Map.of("from", EdgeCaseTelemetry.FROM.toString(), "to", EdgeCaseTelemetry.TO.toString()));
        fb.put("processes", Map.of("exe", exe));
        fb.put("frames", Map.of("span-name", frameName, "main-thread", EdgeCaseTelemetry.MAIN_THREAD));
        fb.put("threads", threads);
        fb.put("group-by", groupBy);
        if (groupBy.equals("budget")) {
            fb.put("budgets", EdgeCaseTelemetry.BUDGETS);
        }
        fb.put("other-budget", other);
        fb.put("top-offenders", topN);
        Map<String, String> targets = new LinkedHashMap<>();
        targetNanos(groupBy, other).forEach((budget, nanos) -> targets.put(budget, nanos + "ns"));
        fb.put("targets", targets);
        fb.put("frame-target", FRAME_TARGET + "ns");
        fb.put("hitch-threshold", HITCH + "ns");
        return fb;
    }

    /** Targets that put some budgets over, some under (checked by the oracle, not by hand). */
    private static Map<String, Long> targetNanos(String groupBy, String other) {
        Map<String, Long> targets = new LinkedHashMap<>();
        if (groupBy.equals("budget")) {
            targets.put("Game", EdgeCaseTelemetry.MS);
            targets.put("Render", EdgeCaseTelemetry.MS / 2);
            if (!other.isEmpty()) {
                targets.put(other, 2 * EdgeCaseTelemetry.MS);
            }
        } else {
            targets.put("Tick Time", EdgeCaseTelemetry.MS);
        }
        return targets;
    }

    /** Writes {@code framebudgets} (plus an output root) to a config file and loads it as the job does. */
    private static ReportSettings settings(Map<String, Object> framebudgets, Path root) throws Exception {
        Map<String, Object> fb = new LinkedHashMap<>(framebudgets);
        fb.put("output", Map.of("root", root.toString(), "frame-stats", true));
        Path file = Files.createTempFile(temp, "report", ".conf");
        Files.writeString(file, ConfigValueFactory.fromMap(Map.of("framebudgets", fb))
                .render(ConfigRenderOptions.defaults().setOriginComments(false)));
        return SettingsLoader.load(file);
    }

    /** The report columns of a Delta table's rows, after checking every row carries the run and its window. */
    /** The data files of table {@code name} holding rows of {@code window}'s report date. */
    private static int files(ReportSettings settings, String name, ReportWindow window) {
        return SharedSpark.get().read().format("delta").load(settings.output().location(name))
                .where(col("report_date").equalTo(lit(Date.valueOf(window.reportDate())))).inputFiles().length;
    }

    private static boolean between(int min, int max, int value) {
        return value >= min && value <= max;
    }

    private static List<List<Object>> table(ReportSettings settings, String name, String runId, ReportWindow window,
                                            String[] columns) {
        List<List<Object>> out = new ArrayList<>();
        for (Row r : SharedSpark.get().read().format("delta").load(settings.output().location(name)).collectAsList()) {
            assertEquals(List.of(runId, Date.valueOf(window.reportDate()), Timestamp.from(window.from()), Timestamp.from(window.to())),
                    List.of(r.getAs("run_id"), r.getAs("report_date"), r.getAs("window_from"), r.getAs("window_to")),
                    name + ": a row of another run or window");
            List<Object> values = new ArrayList<>();
            for (String column : columns) {
                values.add(r.getAs(column));
                if (column.equals("frame_begin") || column.equals("frame_end")) {
                    long nanos = r.<Long>getAs(column);
                    Instant micros = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L) / 1000 * 1000);
                    assertEquals(Timestamp.from(micros), r.getAs(column + "_time"), name + ": " + column + "_time of " + nanos);
                }
                if (column.contains("duration")) {
                    Number nanos = r.getAs(column);
                    Double ms = r.getAs(column + "_ms");
                    if (nanos == null) {
                        assertEquals(null, ms, name + ": " + column + "_ms");
                    } else {
                        assertEquals(nanos.doubleValue() / 1e6, ms, 1e-9, name + ": " + column + "_ms");
                    }
                }
            }
            out.add(values);
        }
        return out;
    }

    private static Row runLog(ReportSettings settings) {
        List<Row> rows = SharedSpark.get().read().format("delta").load(settings.output().location("run_log")).collectAsList();
        assertEquals(1, rows.size());
        return rows.get(0);
    }

    /** The statements the server received after {@code before} (its log is bounded: it must not have wrapped). */
    private static List<String> sentSince(List<StandinServer.ReceivedQuery> before) {
        List<StandinServer.ReceivedQuery> all = server.receivedQueries();
        assertEquals(before, all.subList(0, before.size()), "the server's statement log wrapped during the run");
        return all.subList(before.size(), all.size()).stream().map(StandinServer.ReceivedQuery::sql).toList();
    }

    /** How many statements read each stream's {@code thread_spans} view. */
    private static Map<String, Long> spanReadsPerStream(List<String> statements) {
        Map<String, Long> reads = new TreeMap<>();
        for (String sql : statements) {
            Matcher m = THREAD_SPANS.matcher(sql);
            while (m.find()) {
                reads.merge(m.group(1), 1L, Long::sum);
            }
        }
        return reads;
    }

    /** The main thread of each process (its first stream named as the main thread), from the stand-in's own tables. */
    private static Set<String> mainThreadStreams(ReportSettings settings) throws Exception {
        Set<String> streams = new TreeSet<>();
        try (Connection c = database.newConnection();
             PreparedStatement s = c.prepareStatement("SELECT min(stream_id) FROM mm_streams "
                     + "WHERE property_get(properties, 'thread-name') = ? GROUP BY process_id")) {
            s.setString(1, settings.frames().mainThread());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    streams.add(r.getString(1));
                }
            }
        }
        return streams;
    }

    private static Set<String> skippedIds(RunResult result) {
        Set<String> ids = new TreeSet<>();
        result.skipped().forEach(s -> ids.add(s.processId()));
        return ids;
    }
}
