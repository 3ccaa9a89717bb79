package framebudgets.report;

import static framebudgets.report.ReportAssertions.assertSameRows;
import static framebudgets.report.ReportAssertions.assertSchema;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.testing.SharedSpark;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of every report table, in every grouping and thread mode, through both plans of the
 * per-frame stats (the frame index, and the binned join with very different bin widths, chosen with
 * a frame index of no frames or of fewer frames than the data has), equals the brute-force
 * {@link ReportOracle} on {@link NastyTelemetry}, self time included (the oracle's per-interval
 * sweep against the report's per-stream stack), and on the main thread self time and unbudgeted
 * time add up to exactly the frame time.
 */
class FrameBudgetReportOracleTest {
    private static final long ONE_HOUR = 3_600_000_000_000L;

    private static SparkSession spark;
    private static Telemetry telemetry;
    private static Dataset<Row> frames;
    private static Dataset<Row> spans;
    private static Dataset<Row> processes;

    @BeforeAll
    static void generate() {
        spark = SharedSpark.get();
        telemetry = NastyTelemetry.generate(20261124L);
        frames = telemetry.framesFrame(spark);
        spans = telemetry.spansFrame(spark);
        processes = telemetry.processesFrame(spark);
    }

    static Stream<Arguments> configurations() {
        Map<String, List<String>> budgets = NastyTelemetry.BUDGETS;
        long w = ReportOptions.DEFAULT_BIN_WIDTH_NANOS;
        Map<String, Long> none = Map.of();
        Map<String, Long> budgetTargets = Map.of("Render", 2 * NastyTelemetry.MS, "Game", NastyTelemetry.MS, "Frame", 16 * NastyTelemetry.MS);
        Map<String, Long> otherTargets = Map.of("Other", 3 * NastyTelemetry.MS, "AI", 1L);
        Map<String, Long> spanTargets = Map.of("FRDG::Pass", 500_000L, "Tick Time", 4 * NastyTelemetry.MS);
        int index = ReportOptions.DEFAULT_MAX_INDEXED_FRAMES;
        return Stream.of(
                Arguments.of("budgets, main thread", budgets, null, ThreadMode.MAIN_THREAD, 5, w, index, none),
                Arguments.of("budgets, all threads, targets", budgets, null, ThreadMode.ALL_THREADS, 5, w, index, budgetTargets),
                Arguments.of("budgets, all threads, binned join", budgets, null, ThreadMode.ALL_THREADS, 5, w, 0, none),
                Arguments.of("budgets + Other, main thread, too many frames to index, 1 h bins", budgets, "Other",
                        ThreadMode.MAIN_THREAD, 100, ONE_HOUR, 10, otherTargets),
                Arguments.of("budgets + Other, all threads, 333333 ns bins", budgets, "Other", ThreadMode.ALL_THREADS, 100,
                        333_333L, 0, none),
                Arguments.of("span names, main thread, targets", null, null, ThreadMode.MAIN_THREAD, 3, w, index, spanTargets),
                Arguments.of("span names, all threads, 7777777 ns bins", null, null, ThreadMode.ALL_THREADS, 100,
                        7_777_777L, 0, none));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void everyTableEqualsTheOracle(String label, Map<String, List<String>> budgets, String other, ThreadMode mode,
                                   int topN, long binWidth, int maxIndexedFrames, Map<String, Long> targets) {
        ReportOptions.Builder builder = (budgets == null ? ReportOptions.bySpanName() : ReportOptions.byBudget(BudgetMap.of(budgets)))
                .threadMode(mode).topN(topN).binWidthNanos(binWidth).maxIndexedFrames(maxIndexedFrames).otherBudget(other);
        long frameTarget = targets.isEmpty() ? ReportOptions.DEFAULT_FRAME_TARGET_NANOS : 17 * NastyTelemetry.MS;
        long hitchThreshold = targets.isEmpty() ? ReportOptions.DEFAULT_HITCH_THRESHOLD_NANOS : NastyTelemetry.FRAME;
        ReportOptions options = builder.targets(targets).frameTargetNanos(frameTarget).hitchThresholdNanos(hitchThreshold).build();
        ReportTables report = FrameBudgetReport.compute(frames, spans, processes, options);

        ReportOracle oracle = new ReportOracle(budgets, other, mode, topN).withTargets(targets, frameTarget, hitchThreshold);
        List<List<Object>> frameStats = oracle.frameStats(telemetry);
        List<List<Object>> byProcess = oracle.aggregatesByProcess(frameStats, telemetry);
        List<List<Object>> byExe = oracle.aggregatesByExe(frameStats, telemetry);
        List<List<Object>> top = oracle.topOffenders(frameStats);
        assertTrue(frameStats.size() > 500 && byExe.size() > 5 && top.size() > 10, "the data exercises the report");
        assertTrue(top.size() < frameStats.size(), "the top-N cut is exercised");

        assertSchema(ReportSchemas.FRAME_STATS, report.frameStats());
        assertSchema(ReportSchemas.AGGREGATES_BY_PROCESS, report.aggregatesByProcess());
        assertSchema(ReportSchemas.AGGREGATES_BY_EXE, report.aggregatesByExe());
        assertSchema(ReportSchemas.TOP_OFFENDERS, report.topOffenders());
        assertSchema(ReportSchemas.FRAMES_BY_PROCESS, report.framesByProcess());
        assertSchema(ReportSchemas.FRAMES_BY_EXE, report.framesByExe());
        if (!targets.isEmpty()) {
            assertTrue(byExe.stream().map(r -> r.get(r.size() - 1)).distinct().count() >= 3, "pass, warn and fail are exercised: " + byExe);
        }
        List<List<Object>> framesByExe = oracle.framesByExe(telemetry);
        assertTrue(framesByExe.stream().filter(r -> "Game.exe".equals(r.get(0))).count() == 2
                && framesByExe.stream().anyMatch(r -> r.get(0) != null && r.get(1) == null)
                && framesByExe.stream().anyMatch(r -> r.get(0) == null && r.get(1) == null), "builds are exercised: " + framesByExe);
        assertTrue(frameStats.stream().anyMatch(r -> (Long) r.get(6) > 0 && (Long) r.get(6) < (Long) r.get(5))
                && frameStats.stream().anyMatch(r -> (Long) r.get(6) == 0 && (Long) r.get(5) > 0), "nesting is exercised");
        if (mode == ThreadMode.MAIN_THREAD) {
            assertSelfTimeAddsUpToFrameTime(oracle.framesByProcess(telemetry), byProcess);
        }
        assertSameRows("frame stats", frameStats, report.frameStats());
        assertSameRows("aggregates by process", byProcess, report.aggregatesByProcess());
        assertSameRows("aggregates by exe", byExe, report.aggregatesByExe());
        assertSameRows("top offenders", top, report.topOffenders());
        assertSameRows("frames by process", oracle.framesByProcess(telemetry), report.framesByProcess());
        assertSameRows("frames by exe", oracle.framesByExe(telemetry), report.framesByExe());
        List<List<Object>> hitches = oracle.hitches(frameStats, telemetry);
        assertTrue(hitches.size() > 3 && hitches.stream().anyMatch(r -> r.get(6) != null)
                && hitches.stream().anyMatch(r -> r.get(14) != null), "hitches name their budgets: " + hitches);
        assertSchema(ReportSchemas.HITCHES, report.hitches());
        assertSameRows("hitches", hitches, report.hitches());
    }

    /** On the main thread, per process: the budgets' self times plus the unbudgeted time are all frame time, none negative. */
    private static void assertSelfTimeAddsUpToFrameTime(List<List<Object>> framesByProcess, List<List<Object>> byProcess) {
        int total = ReportSchemas.FRAMES_BY_PROCESS.fieldIndex("total_frame_duration");
        int unbudgeted = ReportSchemas.FRAMES_BY_PROCESS.fieldIndex("unbudgeted_duration");
        int self = ReportSchemas.AGGREGATES_BY_PROCESS.fieldIndex("sum_self_duration");
        for (List<Object> process : framesByProcess) {
            long budgeted = byProcess.stream().filter(r -> r.get(0).equals(process.get(0))).mapToLong(r -> (Long) r.get(self)).sum();
            assertTrue((Long) process.get(unbudgeted) >= 0, "unbudgeted time is never negative: " + process);
            assertEquals((long) (Long) process.get(total), budgeted + (Long) process.get(unbudgeted), "self time adds up: " + process);
        }
    }
}
