package framebudgets.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Per (frame, budget): how many spans of the budget the frame contains ({@code count_in_frame}) and
 * the sum of their inclusive durations ({@code duration_in_frame}, ns, from the spans' {@code duration}
 * column). A frame without a span of a budget has no row for it.
 *
 * <p>Duplicate frames (same process, stream and bounds) are each a frame of their own, as in the seed:
 * they are joined once and their rows then repeated once per copy, so a duplicated frame yields
 * identical rows and counts twice in {@code nb_frames}. Schema: {@link ReportSchemas#FRAME_STATS}.
 */
public final class FrameStats {
    private static final String FRAME_COPIES = "frame_copies";

    private final FrameSpanJoin join;

    public FrameStats(FrameSpanJoin join) {
        this.join = join;
    }

    /**
     * @param frames frames as in {@link InputSchema#FRAMES}
     * @param budgetedSpans spans with a non-null {@code budget} column, from {@link SpanBudgets}
     */
    public Dataset<Row> compute(Dataset<Row> frames, Dataset<Row> budgetedSpans) {
        Dataset<Row> distinctFrames = frames
                .groupBy("process_id", "stream_id", "frame_begin", "frame_end")
                .agg(count(lit(1)).as(FRAME_COPIES));
        Dataset<Row> spans = budgetedSpans.select("process_id", "stream_id", SpanBudgets.BUDGET, "begin", "end", "duration");
        return join.join(distinctFrames, spans)
                .groupBy(col("process_id"), col(FrameSpanJoin.FRAME_STREAM_ID), col("frame_begin"), col("frame_end"),
                        col(FRAME_COPIES), col(SpanBudgets.BUDGET))
                .agg(count(lit(1)).as("count_in_frame"), sum("duration").as("duration_in_frame"))
                .withColumn("copy", explode(sequence(lit(1L), col(FRAME_COPIES))))
                .select("process_id", "frame_begin", "frame_end", "budget", "count_in_frame", "duration_in_frame");
    }
}
