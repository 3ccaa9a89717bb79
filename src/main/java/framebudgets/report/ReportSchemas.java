package framebudgets.report;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The schemas of the report tables (column names and types; times are epoch nanoseconds as
 * {@code bigint}, durations nanoseconds). They are a public interface for BI: the Delta tables use them.
 */
public final class ReportSchemas {
    private ReportSchemas() {}

    /** One row per (frame, budget present in the frame). */
    public static final StructType FRAME_STATS = new StructType()
            .add("process_id", DataTypes.StringType)
            .add("frame_begin", DataTypes.LongType)
            .add("frame_end", DataTypes.LongType)
            .add("budget", DataTypes.StringType)
            .add("count_in_frame", DataTypes.LongType)
            .add("duration_in_frame", DataTypes.LongType)
            .add("self_duration_in_frame", DataTypes.LongType);

    /** One row per (process, budget). */
    public static final StructType AGGREGATES_BY_PROCESS = aggregates("process_id");

    /**
     * One row per (executable, build, budget), across processes; {@code exe} is null for unknown
     * processes, {@code build} for processes without the build property.
     */
    public static final StructType AGGREGATES_BY_EXE = aggregates("exe", "build");

    /** One row per process with frames: frame-time statistics, frame target, hitches. */
    public static final StructType FRAMES_BY_PROCESS = frames("process_id");

    /** One row per (executable, build), over all frames of its processes; nulls as in {@link #AGGREGATES_BY_EXE}. */
    public static final StructType FRAMES_BY_EXE = frames("exe", "build");

    /**
     * One row per (executable, build, budget) of this report whose budget is in its baseline (the
     * executable's previous report, or the configured baseline date; in it, the build with the most
     * frames): the change of p95 and mean.
     */
    public static final StructType BUDGET_CHANGES = new StructType()
            .add("exe", DataTypes.StringType)
            .add("build", DataTypes.StringType)
            .add("budget", DataTypes.StringType)
            .add("baseline_report_date", DataTypes.DateType)
            .add("baseline_build", DataTypes.StringType)
            .add("baseline_p95_duration", DataTypes.LongType)
            .add("p95_duration", DataTypes.LongType)
            .add("change_p95_duration", DataTypes.LongType)
            .add("change_p95_percent", DataTypes.DoubleType)
            .add("baseline_mean_duration", DataTypes.DoubleType)
            .add("mean_duration", DataTypes.DoubleType)
            .add("change_mean_percent", DataTypes.DoubleType)
            .add("regression", DataTypes.BooleanType);

    /** At most N rows per budget, {@code rank} 1 = worst. */
    public static final StructType TOP_OFFENDERS = new StructType()
            .add("budget", DataTypes.StringType)
            .add("rank", DataTypes.IntegerType)
            .add("process_id", DataTypes.StringType)
            .add("frame_begin", DataTypes.LongType)
            .add("frame_end", DataTypes.LongType)
            .add("duration_in_frame", DataTypes.LongType)
            .add("count_in_frame", DataTypes.LongType);

    /**
     * One row per hitch frame (longer than the hitch threshold; copies of a frame are one row): its
     * length against the process's median frame, and the (at most) three budgets whose self time in
     * it exceeds their median over the process's frames the most (null when fewer grew).
     */
    public static final StructType HITCHES = hitches();

    private static StructType hitches() {
        StructType schema = new StructType()
                .add("process_id", DataTypes.StringType)
                .add("frame_begin", DataTypes.LongType)
                .add("frame_end", DataTypes.LongType)
                .add("frame_duration", DataTypes.LongType)
                .add("median_frame_duration", DataTypes.LongType)
                .add("excess_frame_duration", DataTypes.LongType);
        for (int r = 1; r <= Hitches.TOP; r++) {
            schema = schema.add("top" + r + "_budget", DataTypes.StringType)
                    .add("top" + r + "_self_duration", DataTypes.LongType)
                    .add("top" + r + "_median_self_duration", DataTypes.LongType)
                    .add("top" + r + "_excess_duration", DataTypes.LongType);
        }
        return schema;
    }

    private static StructType aggregates(String... keys) {
        return keyed(keys)
                .add("budget", DataTypes.StringType)
                .add("nb_frames", DataTypes.LongType)
                .add("sum_counts", DataTypes.LongType)
                .add("sum_duration", DataTypes.LongType)
                .add("min_duration", DataTypes.LongType)
                .add("max_duration", DataTypes.LongType)
                .add("mean_duration", DataTypes.DoubleType)
                .add("p50_duration", DataTypes.LongType)
                .add("p90_duration", DataTypes.LongType)
                .add("p95_duration", DataTypes.LongType)
                .add("p99_duration", DataTypes.LongType)
                .add("total_frames", DataTypes.LongType)
                .add("share_of_frames", DataTypes.DoubleType)
                .add("total_frame_duration", DataTypes.LongType)
                .add("share_of_frame_time", DataTypes.DoubleType)
                .add("target_duration", DataTypes.LongType)
                .add("frames_over_target", DataTypes.LongType)
                .add("share_over_target", DataTypes.DoubleType)
                .add("target_status", DataTypes.StringType)
                .add("sum_self_duration", DataTypes.LongType)
                .add("self_share_of_frame_time", DataTypes.DoubleType);
    }

    private static StructType frames(String... keys) {
        return keyed(keys)
                .add("frames", DataTypes.LongType)
                .add("total_frame_duration", DataTypes.LongType)
                .add("mean_frame_duration", DataTypes.DoubleType)
                .add("min_frame_duration", DataTypes.LongType)
                .add("p50_frame_duration", DataTypes.LongType)
                .add("p90_frame_duration", DataTypes.LongType)
                .add("p95_frame_duration", DataTypes.LongType)
                .add("p99_frame_duration", DataTypes.LongType)
                .add("max_frame_duration", DataTypes.LongType)
                .add("frame_target_duration", DataTypes.LongType)
                .add("frames_over_target", DataTypes.LongType)
                .add("share_over_target", DataTypes.DoubleType)
                .add("hitch_threshold_duration", DataTypes.LongType)
                .add("hitch_frames", DataTypes.LongType)
                .add("hitches_per_minute", DataTypes.DoubleType)
                .add("budgeted_self_duration", DataTypes.LongType)
                .add("unbudgeted_duration", DataTypes.LongType)
                .add("unbudgeted_share_of_frame_time", DataTypes.DoubleType);
    }

    private static StructType keyed(String... keys) {
        StructType schema = new StructType();
        for (String key : keys) {
            schema = schema.add(key, DataTypes.StringType);
        }
        return schema;
    }
}
