package framebudgets.report;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Budget statistics over frames, per process and per executable. Over the frames where the budget
 * appears ({@code nb_frames}, as the seed): {@code sum_counts}, sum/min/max/mean and nearest-rank
 * p50/p90/p95/p99 of {@code duration_in_frame}. Against all frames of the process (or of all processes
 * of the executable, from {@link FrameSummary}): the share of frames where the budget appears, its
 * share of total frame time, and, when the budget has a target, the frames over it; the sum of its self
 * time ({@code sum_self_duration}, see {@link SelfTime}) and its share of total frame time (on the
 * main thread the self shares of all budgets plus the frame summaries' unbudgeted share add up to
 * exactly 1; across threads they are CPU time, which may exceed frame time). The roll-up per
 * executable and build is computed from the frames of all its processes (percentiles are never
 * averaged).
 * Schemas: {@link ReportSchemas#AGGREGATES_BY_PROCESS}, {@link ReportSchemas#AGGREGATES_BY_EXE}.
 */
public final class BudgetAggregates {
    private static final String TARGET = "target_duration";

    private BudgetAggregates() {}

    /** @param framesByProcess {@link FrameSummary#byProcess} */
    public static Dataset<Row> byProcess(Dataset<Row> frameStats, Dataset<Row> framesByProcess, ReportOptions options) {
        Dataset<Row> stats = frameStats.groupBy("process_id", "budget").agg(nbFrames(), statistics(options));
        Dataset<Row> totals = totals(framesByProcess, "process_id");
        return withShares(stats.join(broadcast(totals), stats.col("process_id").equalTo(totals.col("key")), "left"),
                List.of("process_id"), options);
    }

    /**
     * Per executable and build, across processes. A process missing from {@code processes} is
     * reported under a null {@code exe} and {@code build}, a process without a build under a null
     * {@code build}; a process listed twice counts once (see {@link #exeAndBuildByProcess}), so that
     * no frame is ever counted twice.
     *
     * @param exeAndBuildByProcess {@link #exeAndBuildByProcess}
     * @param framesByExe {@link FrameSummary#byExe}
     */
    public static Dataset<Row> byExe(Dataset<Row> frameStats, Dataset<Row> exeAndBuildByProcess, Dataset<Row> framesByExe,
                                     ReportOptions options) {
        Dataset<Row> stats = frameStats.join(broadcast(exeAndBuildByProcess),
                        frameStats.col("process_id").equalTo(exeAndBuildByProcess.col("process_id")), "left")
                .groupBy(exeAndBuildByProcess.col("exe"), exeAndBuildByProcess.col("build"), frameStats.col("budget"))
                .agg(nbFrames(), statistics(options));
        Dataset<Row> totals = framesByExe.select(col("exe").as("t_exe"), col("build").as("t_build"),
                col("frames").as("total_frames"), col("total_frame_duration"));
        Column sameGroup = stats.col("exe").eqNullSafe(totals.col("t_exe")).and(stats.col("build").eqNullSafe(totals.col("t_build")));
        return withShares(stats.join(broadcast(totals), sameGroup, "left"), List.of("exe", "build"), options);
    }

    /**
     * One (exe, build) per process, from {@code process_id, exe[, build]} (no {@code build} column:
     * every build is null). When the processes table lists a process twice, the row with the
     * smallest exe (then build) wins.
     */
    public static Dataset<Row> exeAndBuildByProcess(Dataset<Row> processes) {
        Column build = List.of(processes.columns()).contains("build") ? col("build") : lit(null).cast(DataTypes.StringType);
        return processes.groupBy("process_id").agg(min(struct(col("exe"), build.as("build"))).as("first"))
                .select(col("process_id"), col("first.exe").as("exe"), col("first.build").as("build"));
    }

    private static Dataset<Row> totals(Dataset<Row> frameSummary, String key) {
        return frameSummary.select(col(key).as("key"), col("frames").as("total_frames"), col("total_frame_duration"));
    }

    private static Column nbFrames() {
        return count(lit(1)).as("nb_frames");
    }

    private static Column[] statistics(ReportOptions options) {
        List<Column> columns = new ArrayList<>(List.of(
                sum("count_in_frame").as("sum_counts"),
                sum("duration_in_frame").as("sum_duration"),
                sum(FrameStats.SELF_DURATION_IN_FRAME).as("sum_self_duration"),
                min("duration_in_frame").as("min_duration"),
                max("duration_in_frame").as("max_duration")));
        for (int p : NearestRank.PERCENTS) {
            columns.add(NearestRank.of("duration_in_frame", p).as("p" + p + "_duration"));
        }
        columns.add(count_if(col("duration_in_frame").gt(target(options))).as("frames_over_target"));
        return columns.toArray(new Column[0]);
    }

    /** The target of the row's budget, or null. */
    private static Column target(ReportOptions options) {
        if (options.targetNanos().isEmpty()) {
            return lit(null).cast(DataTypes.LongType);
        }
        List<Column> keysAndValues = new ArrayList<>();
        for (Map.Entry<String, Long> t : options.targetNanos().entrySet()) {
            keysAndValues.add(lit(t.getKey()));
            keysAndValues.add(lit(t.getValue()));
        }
        return element_at(map(keysAndValues.toArray(new Column[0])), col("budget"));
    }

    private static Dataset<Row> withShares(Dataset<Row> joined, List<String> keys, ReportOptions options) {
        Column target = col(TARGET);
        Column totalFrames = col("total_frames");
        List<Column> columns = new ArrayList<>();
        keys.forEach(k -> columns.add(col(k)));
        columns.addAll(List.of(col("budget"), col("nb_frames"), col("sum_counts"), col("sum_duration"),
                col("min_duration"), col("max_duration"),
                col("sum_duration").cast("double").divide(col("nb_frames")).as("mean_duration"),
                col("p50_duration"), col("p90_duration"), col("p95_duration"), col("p99_duration"),
                totalFrames,
                col("nb_frames").cast("double").divide(totalFrames).as("share_of_frames"),
                col("total_frame_duration"),
                when(col("total_frame_duration").gt(0),
                        col("sum_duration").cast("double").divide(col("total_frame_duration"))).as("share_of_frame_time"),
                target,
                when(target.isNotNull(), col("frames_over_target")).as("frames_over_target"),
                when(target.isNotNull(), col("frames_over_target").cast("double").divide(totalFrames)).as("share_over_target"),
                when(target.isNull(), lit(null).cast(DataTypes.StringType))
                        .when(col("p50_duration").gt(target), lit("fail"))
                        .when(col("p95_duration").gt(target), lit("warn"))
                        .otherwise(lit("pass")).as("target_status"),
                col("sum_self_duration"),
                when(col("total_frame_duration").gt(0),
                        col("sum_self_duration").cast("double").divide(col("total_frame_duration"))).as("self_share_of_frame_time")));
        return joined.withColumn(TARGET, target(options)).select(columns.toArray(new Column[0]));
    }
}
