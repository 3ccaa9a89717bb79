package framebudgets.report;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The frame-budget report in one call: budgets for spans, the range join to frames, per-frame stats,
 * aggregates and top offenders, with the seed's semantics ({@code frame_budget_reporting.rs}), plus
 * frame-time summaries (the frame denominators, frame target, hitches) and targets per budget.
 * Everything stays lazy and distributed except the frames: {@link #compute} collects them once (up
 * to {@link ReportOptions#maxIndexedFrames}) into the broadcast index that spans are looked up in.
 * The driver never collects spans.
 */
public final class FrameBudgetReport {
    private FrameBudgetReport() {}

    /**
     * @param frames {@code process_id, stream_id string, frame_begin, frame_end bigint} (epoch ns);
     *     overlapping and duplicate frames are each a frame of their own; malformed frames are
     *     dropped (see {@link DataIssues})
     * @param spans {@code process_id, stream_id, name string, begin, end, duration bigint} (ns);
     *     malformed spans are dropped (see {@link DataIssues}); each stream's spans in one partition
     *     (as the span read gives them), where their self time is computed ({@link SelfTime})
     * @param processes {@code process_id, exe string}, and optionally {@code build string} (without
     *     it, every build is null); other columns are ignored
     * @throws IllegalArgumentException when an input lacks a column or has the wrong type for it
     */
    public static ReportTables compute(Dataset<Row> frames, Dataset<Row> spans, Dataset<Row> processes, ReportOptions options) {
        InputSchema.require(frames, "frames", InputSchema.FRAMES);
        InputSchema.require(spans, "spans", InputSchema.SPANS);
        InputSchema.require(processes, "processes", InputSchema.PROCESSES);
        InputSchema.allow(processes, "processes", InputSchema.OPTIONAL_PROCESS_COLUMNS);

        Dataset<Row> budgetedSpans = SpanBudgets.of(spans.sparkSession(), options).assign(spans.where(DataIssues.validSpan()));
        Dataset<Row> frameStats = FrameStats.of(options)
                .compute(frames.where(DataIssues.validFrame()), budgetedSpans);
        return fromFrameStats(frameStats, frames, processes, options);
    }

    /**
     * The report tables derived from per-frame stats as {@link #compute} makes them (e.g. persisted,
     * then filtered) and the frames they come from: aggregates, frame summaries and top offenders of
     * exactly those frames (malformed ones dropped).
     */
    public static ReportTables fromFrameStats(Dataset<Row> frameStats, Dataset<Row> frames, Dataset<Row> processes,
            ReportOptions options) {
        InputSchema.require(frames, "frames", InputSchema.FRAMES);
        InputSchema.require(processes, "processes", InputSchema.PROCESSES);
        InputSchema.allow(processes, "processes", InputSchema.OPTIONAL_PROCESS_COLUMNS);
        Dataset<Row> validFrames = frames.where(DataIssues.validFrame());
        Dataset<Row> exeAndBuild = BudgetAggregates.exeAndBuildByProcess(processes);
        Dataset<Row> frameSummary = FrameSummary.byProcess(validFrames, options);
        Dataset<Row> framesByProcess = UnbudgetedTime.byProcess(frameSummary, frameStats, options.threadMode());
        Dataset<Row> framesByExe = UnbudgetedTime.byExe(FrameSummary.byExe(validFrames, exeAndBuild, options), frameStats,
                exeAndBuild, options.threadMode());
        return new ReportTables(
                frameStats,
                BudgetAggregates.byProcess(frameStats, framesByProcess, options),
                BudgetAggregates.byExe(frameStats, exeAndBuild, framesByExe, options),
                new TopOffenders(options.topN()).rank(frameStats),
                framesByProcess,
                framesByExe,
                Hitches.of(frameStats, validFrames, frameSummary, options));
    }
}
