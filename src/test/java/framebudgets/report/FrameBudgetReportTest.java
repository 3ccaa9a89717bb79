package framebudgets.report;

import static framebudgets.report.ReportAssertions.assertSameRows;
import static framebudgets.report.ReportAssertions.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.report.Telemetry.Frame;
import framebudgets.report.Telemetry.Process;
import framebudgets.report.Telemetry.Span;
import framebudgets.testing.SharedSpark;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/** One frame worked out by hand (checking the pipeline and the oracle alike), and the report's error paths. */
class FrameBudgetReportTest {
    private final SparkSession spark = SharedSpark.get();

    /**
     * Frame [1000, 2000] of p/main, listed twice (a duplicate frame is a frame of its own). Self time
     * on the main thread: of the three spans of exactly the frame's bounds (Frame, Slate, and the
     * unmapped span, transparent without an Other budget) Slate::Tick is innermost (the last name);
     * it owns [1000, 1100) and [1900, 2000) = 200; Tick Time owns 800 - 100 (tick time) - 50
     * (FRDG::GameSide) - 10 (FRDG::Pass) = 640; one of the two identical FRDG::Pass owns 10; the
     * spans crossing the frame's bounds are in no frame, and own only the nanoseconds outside it
     * here. 200 + 790 + 10 = the whole frame. With the Other budget, the unmapped span (last name)
     * takes Slate's 200.
     */
    private final Telemetry handWorked = new Telemetry(
            List.of(new Frame("p", "main", 1000, 2000), new Frame("p", "main", 1000, 2000)),
            List.of(
                    new Span("p", "main", "FEngineLoop::Tick", 1000, 2000),
                    new Span("p", "main", "Slate::Tick", 1000, 2000),
                    new Span("p", "main", "Slate::Tick", 999, 2000),
                    new Span("p", "main", "slate::tick", 1000, 2001),
                    new Span("p", "main", "BT Tick", 1000, 1000),
                    new Span("p", "main", "BT Tick", 2000, 2000),
                    new Span("p", "main", "bt tick", 999, 999),
                    new Span("p", "main", "bt tick", 2001, 2001),
                    new Span("p", "main", "Tick Time", 1100, 1900),
                    new Span("p", "main", "tick time", 1200, 1300),
                    new Span("p", "main", "FRDG::GameSide", 1400, 1450),
                    new Span("p", "main", "FRDG::Pass", 1500, 1510, 7),
                    new Span("p", "main", "FRDG::Pass", 1500, 1510),
                    new Span("p", "main", "Unmapped::Work", 1000, 2000),
                    new Span("p", "worker", "BP_Hero_C", 1500, 1600),
                    new Span("q", "main", "Slate::Tick", 1000, 2000)),
            List.of(new Process("p", "Game.exe")));

    @Test
    void handWorkedFrameMainThread() {
        List<List<Object>> expected = twice(List.of(
                row("p", 1000L, 2000L, "AI", 2L, 0L, 0L),
                row("p", 1000L, 2000L, "Frame", 1L, 1000L, 0L),
                row("p", 1000L, 2000L, "Game", 3L, 800L + 100L + 50L, 640L + 100L + 50L),
                row("p", 1000L, 2000L, "Render", 2L, 17L, 10L),
                row("p", 1000L, 2000L, "Slate", 1L, 1000L, 200L)));
        ReportOptions options = ReportOptions.byBudget(BudgetMap.of(NastyTelemetry.BUDGETS)).topN(1).build();
        ReportTables report = compute(options);

        assertSameRows("frame stats", expected, report.frameStats());
        assertSameRows("oracle frame stats", expected,
                new ReportOracle(NastyTelemetry.BUDGETS, null, ThreadMode.MAIN_THREAD, 1).frameStats(handWorked));
        assertSameRows("aggregates by exe", List.of(
                row("Game.exe", "AI", 2L, 4L, 0L, 0L, 0L),
                row("Game.exe", "Frame", 2L, 2L, 2000L, 1000L, 1000L),
                row("Game.exe", "Game", 2L, 6L, 1900L, 950L, 950L),
                row("Game.exe", "Render", 2L, 4L, 34L, 17L, 17L),
                row("Game.exe", "Slate", 2L, 2L, 2000L, 1000L, 1000L)),
                report.aggregatesByExe().select("exe", "budget", "nb_frames", "sum_counts", "sum_duration", "min_duration", "max_duration"));
        assertSameRows("top offenders", List.of(
                row("AI", 1, "p", 1000L, 2000L, 0L, 2L),
                row("Frame", 1, "p", 1000L, 2000L, 1000L, 1L),
                row("Game", 1, "p", 1000L, 2000L, 950L, 3L),
                row("Render", 1, "p", 1000L, 2000L, 17L, 2L),
                row("Slate", 1, "p", 1000L, 2000L, 1000L, 1L)), report.topOffenders());
    }

    /**
     * 20 frames of 10..200 ms; budget Game takes 1..20 ms in them (frame i: i ms), Render 5 ms in the
     * even frames only. Nearest rank over the 20 Game values: p50 = 10th, p90 = 18th, p95 = 19th,
     * p99 = 20th; over the 10 Render frames everything is 5 ms, which is 50% of the frames. Both
     * spans begin with the frame, so the shorter one is nested in the longer: Render owns its 5 ms
     * where Game is longer (frames 6..20), Game owns its 2 and 4 ms inside Render in frames 2 and 4:
     * Game's self time is 210 - 8 * 5 = 170 ms, Render's 8 * 5 + 3 + 1 = 44 ms, 214 ms in all.
     */
    @Test
    void handWorkedPercentilesTargetsAndHitches() {
        long ms = 1_000_000L;
        List<Frame> frames = new java.util.ArrayList<>();
        List<Span> spans = new java.util.ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            long begin = i * 1_000 * ms;
            frames.add(new Frame("p", "main", begin, begin + 10 * i * ms));
            spans.add(new Span("p", "main", "Tick Time", begin, begin + i * ms));
            if (i % 2 == 0) {
                spans.add(new Span("p", "main", "FRenderer::Render", begin, begin + 5 * ms));
            }
        }
        Telemetry t = new Telemetry(frames, spans, List.of(new Process("p", "Game.exe")));
        ReportOptions options = ReportOptions.byBudget(BudgetMap.of(NastyTelemetry.BUDGETS))
                .targets(Map.of("Game", 12 * ms, "Render", 4 * ms, "Slate", ms))
                .frameTargetNanos(100 * ms).hitchThresholdNanos(150 * ms).build();
        ReportTables report = FrameBudgetReport.compute(t.framesFrame(spark), t.spansFrame(spark), t.processesFrame(spark), options);

        long totalFrameTime = 10 * ms * 210;
        assertSameRows("aggregates by process", List.of(
                row("p", "Game", 20L, 20L, 210 * ms, ms, 20 * ms, 10.5 * ms, 10 * ms, 18 * ms, 19 * ms, 20 * ms,
                        20L, 1.0, totalFrameTime, 210.0 * ms / totalFrameTime, 12 * ms, 8L, 0.4, "warn",
                        170 * ms, 170.0 * ms / totalFrameTime),
                row("p", "Render", 10L, 10L, 50 * ms, 5 * ms, 5 * ms, 5.0 * ms, 5 * ms, 5 * ms, 5 * ms, 5 * ms,
                        20L, 0.5, totalFrameTime, 50.0 * ms / totalFrameTime, 4 * ms, 10L, 0.5, "fail",
                        44 * ms, 44.0 * ms / totalFrameTime)),
                report.aggregatesByProcess());
        // frames 11..20 (110..200 ms) are over 100 ms; 16..20 are hitches; 2.1 s of frames = 0.035 min.
        assertSameRows("frames by exe", List.of(row("Game.exe", null, 20L, totalFrameTime, 105.0 * ms, 10 * ms, 100 * ms,
                        180 * ms, 190 * ms, 200 * ms, 200 * ms, 100 * ms, 10L, 0.5, 150 * ms, 5L, 5 / (totalFrameTime / 60e9),
                        214 * ms, totalFrameTime - 214 * ms, (double) (totalFrameTime - 214 * ms) / totalFrameTime)),
                report.framesByExe());
        // Hitches: frames 16..20; the median frame is the 10th, 100 ms. Game's self times sorted are
        // 1,1,2,3,3,4,5,5,7,7,... ms: median 7 ms; Render is absent from 10 frames: median 0.
        List<List<Object>> hitches = new java.util.ArrayList<>();
        long[] gameSelf = {11, 17, 13, 19, 15};
        for (int i = 16; i <= 20; i++) {
            long begin = i * 1_000 * ms;
            List<Object> hitch = new java.util.ArrayList<>(List.of("p", begin, begin + 10 * i * ms, 10 * i * ms, 100 * ms, (10 * i - 100) * ms));
            List<Object> game = List.of("Game", gameSelf[i - 16] * ms, 7 * ms, (gameSelf[i - 16] - 7) * ms);
            List<Object> render = List.of("Render", 5 * ms, 0L, 5 * ms);
            boolean renderFirst = i == 16;
            hitch.addAll(i % 2 == 1 ? game : renderFirst ? render : game);
            hitch.addAll(i % 2 == 1 ? Arrays.asList(null, null, null, null) : renderFirst ? game : render);
            hitch.addAll(Arrays.asList(null, null, null, null));
            hitches.add(hitch);
        }
        assertSameRows("hitches", hitches, report.hitches());
        ReportOracle oracle = new ReportOracle(NastyTelemetry.BUDGETS, null, ThreadMode.MAIN_THREAD, 100)
                .withTargets(Map.of("Game", 12 * ms, "Render", 4 * ms, "Slate", ms), 100 * ms, 150 * ms);
        assertSameRows("oracle hitches", hitches, oracle.hitches(oracle.frameStats(t), t));
        assertSameRows("oracle aggregates", rows(report.aggregatesByProcess()),
                oracle.aggregatesByProcess(oracle.frameStats(t), t));
    }

    @Test
    void targetForAnUnknownBudgetIsRejectedNamingIt() {
        BudgetMap budgets = BudgetMap.of(NastyTelemetry.BUDGETS);
        assertEquals("targets: 'Rendering' is not a configured budget (budgets: AI, Frame, Game, Render, Slate)",
                assertThrows(IllegalArgumentException.class, () -> ReportOptions.byBudget(budgets).targets(Map.of("Rendering", 1L)).build()).getMessage());
        assertEquals("targets.Game: must be at least 1 ns, got 0",
                assertThrows(IllegalArgumentException.class, () -> ReportOptions.byBudget(budgets).targets(Map.of("Game", 0L)).build()).getMessage());
        assertEquals(Map.of("Other", 5L), ReportOptions.byBudget(budgets).otherBudget("Other").targets(Map.of("Other", 5L)).build().targetNanos());
    }

    @Test
    void handWorkedFrameAllThreadsWithOtherBudget() {
        List<List<Object>> expected = twice(List.of(
                row("p", 1000L, 2000L, "AI", 2L, 0L, 0L),
                row("p", 1000L, 2000L, "Frame", 1L, 1000L, 0L),
                row("p", 1000L, 2000L, "Game", 4L, 1050L, 790L + 100L),
                row("p", 1000L, 2000L, "Other", 1L, 1000L, 200L),
                row("p", 1000L, 2000L, "Render", 2L, 17L, 10L),
                row("p", 1000L, 2000L, "Slate", 1L, 1000L, 0L)));
        ReportTables report = compute(ReportOptions.byBudget(BudgetMap.of(NastyTelemetry.BUDGETS))
                .otherBudget("Other").threadMode(ThreadMode.ALL_THREADS).build());
        assertSameRows("frame stats", expected, report.frameStats());
        assertSameRows("oracle frame stats", expected,
                new ReportOracle(NastyTelemetry.BUDGETS, "Other", ThreadMode.ALL_THREADS, 1).frameStats(handWorked));
    }

    @Test
    void globConflictOnARealSpanNameFailsTheJobNamingBothGlobs() {
        BudgetMap conflicting = BudgetMap.of(Map.of("Render", List.of("FRDG*"), "Passes", List.of("*::Pass")));
        Exception e = assertThrows(Exception.class, () -> compute(ReportOptions.byBudget(conflicting).build()).frameStats().collectAsList());
        Throwable root = e;
        while (root.getCause() != null && !(root instanceof IllegalStateException)) {
            root = root.getCause();
        }
        assertEquals("budgets: span name 'FRDG::Pass' matches glob '*::Pass' of budget Passes and glob 'FRDG*' of budget Render;"
                + " make one glob narrower or list the name exactly in one budget (exact names beat globs)", root.getMessage());
    }

    @Test
    void timestampsInsteadOfEpochNanosAreRejectedNamingInputAndColumn() {
        Dataset<Row> timestampFrames = handWorked.framesFrame(spark)
                .withColumn("frame_begin", functions.timestamp_micros(functions.col("frame_begin")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrameBudgetReport.compute(
                timestampFrames, handWorked.spansFrame(spark), handWorked.processesFrame(spark), ReportOptions.bySpanName().build()));
        assertEquals("frames: column 'frame_begin' is timestamp, expected bigint nanoseconds (times since the epoch)", e.getMessage());
    }

    @Test
    void missingColumnIsRejectedNamingInputAndColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrameBudgetReport.compute(
                handWorked.framesFrame(spark), handWorked.spansFrame(spark).drop("duration"),
                handWorked.processesFrame(spark), ReportOptions.bySpanName().build()));
        assertTrue(e.getMessage().startsWith("spans: missing column 'duration' (bigint"), e.getMessage());
    }

    @Test
    void badOptionsAreRejectedNamingTheOption() {
        BudgetMap budgets = BudgetMap.of(NastyTelemetry.BUDGETS);
        assertEquals("topN: must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> ReportOptions.byBudget(budgets).topN(0).build()).getMessage());
        assertEquals("binWidthNanos: must be at least 1 ns, got 0",
                assertThrows(IllegalArgumentException.class, () -> ReportOptions.byBudget(budgets).binWidthNanos(0).build()).getMessage());
        assertEquals("otherBudget: 'Game' is already a configured budget; pick another name",
                assertThrows(IllegalArgumentException.class, () -> ReportOptions.byBudget(budgets).otherBudget("Game").build()).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReportOptions.bySpanName().otherBudget("Other").build())
                .getMessage().startsWith("otherBudget:"));
    }

    private ReportTables compute(ReportOptions options) {
        return FrameBudgetReport.compute(handWorked.framesFrame(spark), handWorked.spansFrame(spark),
                handWorked.processesFrame(spark), options);
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    private static List<List<Object>> twice(List<List<Object>> rows) {
        return rows.stream().flatMap(r -> Stream.of(r, r)).toList();
    }
}
