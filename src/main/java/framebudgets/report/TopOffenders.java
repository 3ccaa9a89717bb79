package framebudgets.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The N worst frames of each budget by {@code duration_in_frame}, over the whole input (all processes).
 * Ranked with {@code row_number() over (partition by budget order by duration_in_frame desc,
 * process_id, frame_begin, frame_end)}: ties go to the smaller process id, then the earlier frame,
 * then the shorter frame; rows still tied are identical (duplicate frames). Schema:
 * {@link ReportSchemas#TOP_OFFENDERS}.
 */
public final class TopOffenders {
    private final int n;

    public TopOffenders(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("topN: must be at least 1, got " + n);
        }
        this.n = n;
    }

    public Dataset<Row> rank(Dataset<Row> frameStats) {
        WindowSpec worstFirst = Window.partitionBy("budget")
                .orderBy(col("duration_in_frame").desc(), col("process_id"), col("frame_begin"), col("frame_end"));
        return frameStats.withColumn("rank", row_number().over(worstFirst))
                .where(col("rank").leq(n))
                .select("budget", "rank", "process_id", "frame_begin", "frame_end", "duration_in_frame", "count_in_frame");
    }
}
