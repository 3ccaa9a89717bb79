package framebudgets.report;

import static framebudgets.report.ReportAssertions.assertSameRows;
import static framebudgets.report.ReportAssertions.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import framebudgets.report.Telemetry.Frame;
import framebudgets.report.Telemetry.Process;
import framebudgets.report.Telemetry.Span;
import framebudgets.testing.SharedSpark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The malformed-data rules at the report stage, with shapes the stand-in cannot store (null names
 * and times, negative durations, durations that disagree with their times, frames whose length
 * overflows): the report over clean data plus malformed rows equals the report over the clean data
 * alone (and the brute-force oracle), and {@link DataIssues} counts each kind.
 */
class DataIssuesTest {
    private static final Map<String, List<String>> BUDGETS = Map.of("Game", List.of("Tick Time"), "Slate", List.of("Slate::Tick"));

    private final SparkSession spark = SharedSpark.get();

    /** Touching, overlapping, duplicate and zero-length frames (all legal), and a span whose duration is not end - begin. */
    private final Telemetry clean = new Telemetry(
            List.of(new Frame("p", "main", 1000, 2000), new Frame("p", "main", 1000, 2000),
                    new Frame("p", "main", 1500, 2500), new Frame("p", "main", 2000, 3000),
                    new Frame("p", "main", 3000, 3000), new Frame("p", "other", 1200, 1800)),
            List.of(new Span("p", "main", "Tick Time", 1100, 1900),
                    new Span("p", "main", "Tick Time", 1600, 1700),
                    new Span("p", "main", "Slate::Tick", 2100, 2900, 7),
                    new Span("p", "main", "Unmapped", 2000, 2400),
                    new Span("p", "main", "Slate::Tick", 3000, 3000)),
            List.of(new Process("p", "Game.exe")));

    @Test
    void malformedRowsAreDroppedAndCounted() {
        ReportOptions options = ReportOptions.byBudget(BudgetMap.of(BUDGETS)).otherBudget("Other").topN(3).build();
        Dataset<Row> frames = clean.framesFrame(spark).union(spark.createDataFrame(List.of(
                RowFactory.create("p", "main", 2900L, 2800L),
                RowFactory.create("p", "main", null, 2000L),
                RowFactory.create("p", "main", -9_000_000_000_000_000_000L, 9_000_000_000_000_000_000L)), Telemetry.FRAMES));
        Dataset<Row> spans = clean.spansFrame(spark).union(spark.createDataFrame(List.of(
                RowFactory.create("p", "main", null, 1100L, 1200L, 100L),
                RowFactory.create("p", "main", "Tick Time", null, 1200L, 100L),
                RowFactory.create("p", "main", "Tick Time", 1100L, null, 100L),
                RowFactory.create("p", "main", "Tick Time", 1100L, 1200L, null),
                RowFactory.create("p", "main", "Tick Time", 1900L, 1100L, -800L),
                RowFactory.create("p", "main", "Tick Time", 1100L, 1200L, -5L)), Telemetry.SPANS));
        Observation observation = new Observation();

        ReportTables expected = FrameBudgetReport.compute(clean.framesFrame(spark), clean.spansFrame(spark),
                clean.processesFrame(spark), options);
        ReportTables actual = FrameBudgetReport.compute(frames, DataIssues.observeSpans(spans, observation),
                clean.processesFrame(spark), options);

        List<List<Object>> frameStats = rows(actual.frameStats());
        assertSameRows("frame stats (against the oracle)",
                new ReportOracle(BUDGETS, "Other", ThreadMode.MAIN_THREAD, 3).frameStats(clean), frameStats);
        assertFalse(frameStats.isEmpty());
        assertSameRows("frame stats", rows(expected.frameStats()), frameStats);
        assertSameRows("aggregates by process", rows(expected.aggregatesByProcess()), actual.aggregatesByProcess());
        assertSameRows("aggregates by exe", rows(expected.aggregatesByExe()), actual.aggregatesByExe());
        assertSameRows("top offenders", rows(expected.topOffenders()), actual.topOffenders());
        assertSameRows("frames by process", rows(expected.framesByProcess()), actual.framesByProcess());
        assertSameRows("frames by exe", rows(expected.framesByExe()), actual.framesByExe());

        assertEquals(Map.of(DataIssues.NULL_SPAN_FIELDS, 4L, DataIssues.INVALID_SPAN_TIMES, 2L,
                        DataIssues.INCONSISTENT_SPAN_DURATIONS, 1L),
                DataIssues.observedSpanIssues(observation, 10_000), "counted while the frame stats were computed");
        assertEquals(Map.of(DataIssues.INVALID_FRAMES, 3L, DataIssues.DUPLICATE_FRAMES, 1L, DataIssues.OVERLAPPING_FRAMES, 2L),
                DataIssues.frameIssues(frames), "[1500, 2500] and [2000, 3000] begin before an earlier frame ends");
        assertEquals(Map.of(DataIssues.INVALID_FRAMES, 0L, DataIssues.DUPLICATE_FRAMES, 1L, DataIssues.OVERLAPPING_FRAMES, 2L),
                DataIssues.frameIssues(clean.framesFrame(spark)));
    }

    /**
     * A re-sent block: spans of the main stream twice over, one of them three times. Each copy is
     * kept and counts (the oracle sums every span it is given), and the copies beyond the first are
     * counted; a span equal but for its end, or on another stream, is no copy.
     */
    @Test
    void exactDuplicateSpansAreKeptAndCounted() {
        ReportOptions options = ReportOptions.byBudget(BudgetMap.of(BUDGETS)).otherBudget("Other").topN(3).build();
        List<Span> spans = new ArrayList<>(clean.spans());
        spans.add(new Span("p", "main", "Tick Time", 1100, 1900));
        spans.add(new Span("p", "main", "Tick Time", 1100, 1900));
        spans.add(new Span("p", "main", "Slate::Tick", 2100, 2900, 7));
        spans.add(new Span("p", "main", "Tick Time", 1600, 1750));
        spans.add(new Span("p", "other", "Tick Time", 1600, 1700));
        Telemetry resent = new Telemetry(clean.frames(), spans, clean.processes());
        Observation observation = new Observation();

        ReportTables report = FrameBudgetReport.compute(resent.framesFrame(spark),
                DataIssues.observeSpans(DuplicateSpans.mark(oneStreamPerPartition(resent.spansFrame(spark))), observation),
                resent.processesFrame(spark), options);

        List<List<Object>> frameStats = rows(report.frameStats());
        assertSameRows("frame stats (against the oracle, every copy counts)",
                new ReportOracle(BUDGETS, "Other", ThreadMode.MAIN_THREAD, 3).frameStats(resent), frameStats);
        assertEquals(Map.of(DataIssues.NULL_SPAN_FIELDS, 0L, DataIssues.INVALID_SPAN_TIMES, 0L,
                        DataIssues.INCONSISTENT_SPAN_DURATIONS, 2L, DuplicateSpans.DUPLICATE_SPANS, 3L),
                DataIssues.observedSpanIssues(observation, 10_000));
        assertFalse(Arrays.asList(report.frameStats().columns()).contains(DuplicateSpans.COPY), "the mark is dropped");
    }

    /** The spans laid out as the span read lays them out: each stream's spans in one partition (here, one for all). */
    private static Dataset<Row> oneStreamPerPartition(Dataset<Row> spans) {
        return spans.coalesce(1);
    }

    @Test
    void spanCountsAreEmptyWhenNoActionReadTheSpans() {
        Observation observation = new Observation();
        DataIssues.observeSpans(clean.spansFrame(spark), observation);
        assertEquals(Map.of(), DataIssues.observedSpanIssues(observation, 10));
    }
}
