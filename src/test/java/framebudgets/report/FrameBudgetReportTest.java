package framebudgets.report;

import static framebudgets.report.ReportAssertions.assertSameRows;
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

    /** Frame [1000, 2000] of p/main, listed twice (a duplicate frame is a frame of its own). */
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
                row("p", 1000L, 2000L, "AI", 2L, 0L),
                row("p", 1000L, 2000L, "Frame", 1L, 1000L),
                row("p", 1000L, 2000L, "Game", 3L, 800L + 100L + 50L),
                row("p", 1000L, 2000L, "Render", 2L, 17L),
                row("p", 1000L, 2000L, "Slate", 1L, 1000L)));
        ReportOptions options = ReportOptions.byBudget(BudgetMap.of(NastyTelemetry.BUDGETS)).withTopN(1);
        ReportTables report = compute(options);

        assertSameRows("frame stats", expected, report.frameStats());
        assertSameRows("oracle frame stats", expected,
                new ReportOracle(NastyTelemetry.BUDGETS, null, ThreadMode.MAIN_THREAD, 1).frameStats(handWorked));
        assertSameRows("aggregates by exe", List.of(
                row("Game.exe", "AI", 2L, 4L, 0L, 0L, 0L),
                row("Game.exe", "Frame", 2L, 2L, 2000L, 1000L, 1000L),
                row("Game.exe", "Game", 2L, 6L, 1900L, 950L, 950L),
                row("Game.exe", "Render", 2L, 4L, 34L, 17L, 17L),
                row("Game.exe", "Slate", 2L, 2L, 2000L, 1000L, 1000L)), report.aggregatesByExe());
        assertSameRows("top offenders", List.of(
                row("AI", 1, "p", 1000L, 2000L, 0L, 2L),
                row("Frame", 1, "p", 1000L, 2000L, 1000L, 1L),
                row("Game", 1, "p", 1000L, 2000L, 950L, 3L),
                row("Render", 1, "p", 1000L, 2000L, 17L, 2L),
                row("Slate", 1, "p", 1000L, 2000L, 1000L, 1L)), report.topOffenders());
    }

    @Test
    void handWorkedFrameAllThreadsWithOtherBudget() {
        List<List<Object>> expected = twice(List.of(
                row("p", 1000L, 2000L, "AI", 2L, 0L),
                row("p", 1000L, 2000L, "Frame", 1L, 1000L),
                row("p", 1000L, 2000L, "Game", 4L, 1050L),
                row("p", 1000L, 2000L, "Other", 1L, 1000L),
                row("p", 1000L, 2000L, "Render", 2L, 17L),
                row("p", 1000L, 2000L, "Slate", 1L, 1000L)));
        ReportTables report = compute(ReportOptions.byBudget(BudgetMap.of(NastyTelemetry.BUDGETS))
                .withOtherBudget("Other").withThreadMode(ThreadMode.ALL_THREADS));
        assertSameRows("frame stats", expected, report.frameStats());
        assertSameRows("oracle frame stats", expected,
                new ReportOracle(NastyTelemetry.BUDGETS, "Other", ThreadMode.ALL_THREADS, 1).frameStats(handWorked));
    }

    @Test
    void globConflictOnARealSpanNameFailsTheJobNamingBothGlobs() {
        BudgetMap conflicting = BudgetMap.of(Map.of("Render", List.of("FRDG*"), "Passes", List.of("*::Pass")));
        Exception e = assertThrows(Exception.class, () -> compute(ReportOptions.byBudget(conflicting)).frameStats().collectAsList());
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
                timestampFrames, handWorked.spansFrame(spark), handWorked.processesFrame(spark), ReportOptions.bySpanName()));
        assertEquals("frames: column 'frame_begin' is timestamp, expected bigint nanoseconds (times since the epoch)", e.getMessage());
    }

    @Test
    void missingColumnIsRejectedNamingInputAndColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrameBudgetReport.compute(
                handWorked.framesFrame(spark), handWorked.spansFrame(spark).drop("duration"),
                handWorked.processesFrame(spark), ReportOptions.bySpanName()));
        assertTrue(e.getMessage().startsWith("spans: missing column 'duration' (bigint"), e.getMessage());
    }

    @Test
    void badOptionsAreRejectedNamingTheOption() {
        ReportOptions budgets = ReportOptions.byBudget(BudgetMap.of(NastyTelemetry.BUDGETS));
        assertEquals("topN: must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> budgets.withTopN(0)).getMessage());
        assertEquals("binWidthNanos: must be at least 1 ns, got 0",
                assertThrows(IllegalArgumentException.class, () -> budgets.withBinWidthNanos(0)).getMessage());
        assertEquals("otherBudget: 'Game' is already a configured budget; pick another name",
                assertThrows(IllegalArgumentException.class, () -> budgets.withOtherBudget("Game")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReportOptions.bySpanName().withOtherBudget("Other"))
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
