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
            .add("duration_in_frame", DataTypes.LongType);

    /** One row per (process, budget). */
    public static final StructType AGGREGATES_BY_PROCESS = aggregates("process_id");

    /** One row per (executable, budget), across processes; {@code exe} is null for unknown processes. */
    public static final StructType AGGREGATES_BY_EXE = aggregates("exe");

    /** At most N rows per budget, {@code rank} 1 = worst. */
    public static final StructType TOP_OFFENDERS = new StructType()
            .add("budget", DataTypes.StringType)
            .add("rank", DataTypes.IntegerType)
            .add("process_id", DataTypes.StringType)
            .add("frame_begin", DataTypes.LongType)
            .add("frame_end", DataTypes.LongType)
            .add("duration_in_frame", DataTypes.LongType)
            .add("count_in_frame", DataTypes.LongType);

    private static StructType aggregates(String key) {
        return new StructType()
                .add(key, DataTypes.StringType)
                .add("budget", DataTypes.StringType)
                .add("nb_frames", DataTypes.LongType)
                .add("sum_counts", DataTypes.LongType)
                .add("sum_duration", DataTypes.LongType)
                .add("min_duration", DataTypes.LongType)
                .add("max_duration", DataTypes.LongType);
    }
}
