package framebudgets.report;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * What made each hitch: for every frame longer than the hitch threshold, the (at most) three budgets
 * whose self time in it exceeds their median self time over all frames of the process the most
 * ({@code topN_excess_duration = self time in the hitch - median}, only budgets that grew). The
 * median of a budget is the nearest-rank p50 over every frame of the process, a frame without the
 * budget counting 0 ns, so a budget that is absent from most frames has a median of 0. Ties go to
 * the smaller budget name. A frame listed more than once (copies of one frame) is one hitch. The
 * hitch frame's length is set against the process's median frame ({@code p50_frame_duration} of
 * the frame summary). Schema: {@link ReportSchemas#HITCHES}.
 */
public final class Hitches {
    /** How many budgets each hitch names. */
    public static final int TOP = 3;

    private Hitches() {}

    /**
     * @param frameStats per-frame stats as {@link FrameStats} makes them
     * @param frames the valid frames they come from ({@link InputSchema#FRAMES})
     * @param framesByProcess {@link FrameSummary#byProcess} of those frames
     */
    public static Dataset<Row> of(Dataset<Row> frameStats, Dataset<Row> frames, Dataset<Row> framesByProcess,
                                  ReportOptions options) {
        String self = FrameStats.SELF_DURATION_IN_FRAME;
        Dataset<Row> perProcess = framesByProcess.select(col("process_id").as("m_process_id"), col("frames").as("m_frames"),
                col("p50_frame_duration").as("median_frame_duration"));
        Dataset<Row> hitches = frames
                .withColumn("frame_duration", col("frame_end").minus(col("frame_begin")))
                .where(col("frame_duration").gt(options.hitchThresholdNanos()))
                .select("process_id", "frame_begin", "frame_end", "frame_duration").distinct();

        // Median self time per (process, budget) over all frames; the (n - nb) frames without the budget are zeros.
        Column frameCount = col("m_frames");
        Column zeros = frameCount.minus(col("nb"));
        Column medianRank = frameCount.plus(1).divide(2).cast("long").minus(zeros);
        Dataset<Row> medians = frameStats.select(col("process_id"), col("budget"), col(self))
                .withColumn("rn", row_number().over(Window.partitionBy("process_id", "budget").orderBy(col(self))))
                .withColumn("nb", count(lit(1)).over(Window.partitionBy("process_id", "budget")))
                .join(broadcast(perProcess), col("process_id").equalTo(col("m_process_id")))
                .groupBy(col("process_id").as("d_process_id"), col("budget").as("d_budget"))
                .agg(coalesce(max(when(col("rn").equalTo(medianRank), col(self))), lit(0L)).as("median_self_duration"));

        Dataset<Row> hitchKeys = hitches.select(col("process_id").as("h_process_id"), col("frame_begin").as("h_begin"),
                col("frame_end").as("h_end"));
        Dataset<Row> grown = frameStats
                .join(broadcast(hitchKeys), col("process_id").equalTo(col("h_process_id"))
                        .and(col("frame_begin").equalTo(col("h_begin"))).and(col("frame_end").equalTo(col("h_end"))))
                .groupBy("process_id", "frame_begin", "frame_end", "budget").agg(max(self).as("self_duration"))
                .join(medians, col("process_id").equalTo(col("d_process_id")).and(col("budget").equalTo(col("d_budget"))))
                .withColumn("excess_duration", col("self_duration").minus(col("median_self_duration")))
                .where(col("excess_duration").gt(0))
                .withColumn("rank", row_number().over(Window.partitionBy("process_id", "frame_begin", "frame_end")
                        .orderBy(col("excess_duration").desc(), col("budget"))))
                .where(col("rank").leq(TOP));
        List<Column> top = new ArrayList<>();
        for (int r = 1; r <= TOP; r++) {
            Column ranked = col("rank").equalTo(r);
            top.add(max(when(ranked, col("budget"))).as("top" + r + "_budget"));
            top.add(max(when(ranked, col("self_duration"))).as("top" + r + "_self_duration"));
            top.add(max(when(ranked, col("median_self_duration"))).as("top" + r + "_median_self_duration"));
            top.add(max(when(ranked, col("excess_duration"))).as("top" + r + "_excess_duration"));
        }
        Dataset<Row> topByHitch = grown.groupBy(col("process_id").as("t_process_id"), col("frame_begin").as("t_begin"),
                col("frame_end").as("t_end")).agg(top.get(0), top.subList(1, top.size()).toArray(new Column[0]));

        List<Column> columns = new ArrayList<>(List.of(col("process_id"), col("frame_begin"), col("frame_end"),
                col("frame_duration"), col("median_frame_duration"),
                col("frame_duration").minus(col("median_frame_duration")).as("excess_frame_duration")));
        for (String name : topByHitch.columns()) {
            if (name.startsWith("top")) {
                columns.add(col(name));
            }
        }
        return hitches
                .join(broadcast(perProcess), col("process_id").equalTo(col("m_process_id")), "left")
                .join(topByHitch, col("process_id").equalTo(col("t_process_id"))
                        .and(col("frame_begin").equalTo(col("t_begin"))).and(col("frame_end").equalTo(col("t_end"))), "left")
                .select(columns.toArray(new Column[0]));
    }
}
