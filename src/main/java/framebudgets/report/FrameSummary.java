package framebudgets.report;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Frame-time statistics per process and per executable, from the frames themselves (every frame
 * counts, whatever budgets it holds): the denominators of the budget shares, frame-time percentiles,
 * frames over the frame target, and hitches (frames longer than the hitch threshold) per minute of
 * frame time. The roll-up per executable and build is computed over all frames of its processes,
 * never by averaging per-process figures. Schemas: {@link ReportSchemas#FRAMES_BY_PROCESS},
 * {@link ReportSchemas#FRAMES_BY_EXE}.
 */
public final class FrameSummary {
    private static final String DURATION = "frame_duration";
    private static final double NANOS_PER_MINUTE = 60e9;

    private FrameSummary() {}

    /** @param frames as in {@link FrameBudgetReport#compute} */
    public static Dataset<Row> byProcess(Dataset<Row> frames, ReportOptions options) {
        return summarize(withDuration(frames).groupBy("process_id"), 1, options);
    }

    /**
     * Per (exe, build); a process missing from {@code exeAndBuildByProcess} counts under a null exe and build.
     *
     * @param exeAndBuildByProcess {@code process_id, exe, build}, one row per process (see
     *     {@link BudgetAggregates#exeAndBuildByProcess})
     */
    public static Dataset<Row> byExe(Dataset<Row> frames, Dataset<Row> exeAndBuildByProcess, ReportOptions options) {
        Dataset<Row> withExe = withDuration(frames).join(broadcast(exeAndBuildByProcess),
                frames.col("process_id").equalTo(exeAndBuildByProcess.col("process_id")), "left");
        return summarize(withExe.groupBy(exeAndBuildByProcess.col("exe"), exeAndBuildByProcess.col("build")), 2, options);
    }

    private static Dataset<Row> withDuration(Dataset<Row> frames) {
        return frames.withColumn(DURATION, col("frame_end").minus(col("frame_begin")));
    }

    /** The statistics of each group, after its {@code keys} grouping columns. */
    private static Dataset<Row> summarize(org.apache.spark.sql.RelationalGroupedDataset groups, int keys, ReportOptions options) {
        List<Column> aggregates = new ArrayList<>(List.of(
                sum(col(DURATION)).as("total_frame_duration"),
                min(col(DURATION)).as("min_frame_duration")));
        for (int p : NearestRank.PERCENTS) {
            aggregates.add(NearestRank.of(DURATION, p).as("p" + p + "_frame_duration"));
        }
        aggregates.add(max(col(DURATION)).as("max_frame_duration"));
        aggregates.add(count_if(col(DURATION).gt(options.frameTargetNanos())).as("frames_over_target"));
        aggregates.add(count_if(col(DURATION).gt(options.hitchThresholdNanos())).as("hitch_frames"));
        Dataset<Row> totals = groups.agg(count(lit(1)).as("frames"), aggregates.toArray(new Column[0]));
        Column frames = col("frames");
        Column total = col("total_frame_duration");
        List<Column> columns = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            columns.add(col(totals.columns()[k]));
        }
        columns.addAll(List.of(frames, total,
                total.cast("double").divide(frames).as("mean_frame_duration"),
                col("min_frame_duration"), col("p50_frame_duration"), col("p90_frame_duration"),
                col("p95_frame_duration"), col("p99_frame_duration"), col("max_frame_duration"),
                lit(options.frameTargetNanos()).as("frame_target_duration"),
                col("frames_over_target"),
                col("frames_over_target").cast("double").divide(frames).as("share_over_target"),
                lit(options.hitchThresholdNanos()).as("hitch_threshold_duration"),
                col("hitch_frames"),
                when(total.gt(0), col("hitch_frames").cast("double").divide(total.cast("double").divide(NANOS_PER_MINUTE)))
                        .as("hitches_per_minute")));
        return totals.select(columns.toArray(new Column[0]));
    }
}
