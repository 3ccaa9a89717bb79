package framebudgets.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Per (frame, budget): how many spans of the budget the frame contains ({@code count_in_frame}) and
 * the sum of their inclusive durations ({@code duration_in_frame}, ns, from the spans' {@code duration}
 * column), and the sum of their self times ({@code self_duration_in_frame}, ns, see {@link SelfTime}:
 * a span contained in the frame brings all of its self time, which lies inside the frame; time owned
 * by a span the frame does not contain, one crossing its bounds, is in no budget of the frame). A
 * frame without a span of a budget has no row for it.
 *
 * <p>Two plans, one result. When the frames number at most {@code maxIndexedFrames} (frames are about
 * a thousandth of the spans), they are collected once into a broadcast {@link FrameIndex}
 * and each span partition tallies its spans per frame and budget itself ({@link FrameBudgetTally}):
 * no join, and only the small tallies are shuffled to be summed. With more frames, the spans are
 * joined to them by the {@link FrameSpanJoin} binned equi-join and the pairs aggregated.
 *
 * <p>Duplicate frames (same process, stream and bounds) are each a frame of their own, as in the seed:
 * they are joined once and their rows then repeated once per copy, so a duplicated frame yields
 * identical rows and counts twice in {@code nb_frames}. Schema: {@link ReportSchemas#FRAME_STATS}.
 */
public final class FrameStats {
    static final String FRAME_COPIES = "frame_copies";
    /** The self time of the budget's spans in the frame (see {@link SelfTime}), ns. */
    public static final String SELF_DURATION_IN_FRAME = "self_duration_in_frame";

    private final ThreadMode threadMode;
    private final long binWidthNanos;
    private final int maxIndexedFrames;

    /**
     * @param binWidthNanos the bin width of the binned join, used when there are too many frames to index
     * @param maxIndexedFrames the most frames (copies included) looked up through a broadcast index (0: always join)
     */
    public FrameStats(ThreadMode threadMode, long binWidthNanos, int maxIndexedFrames) {
        if (maxIndexedFrames < 0) {
            throw new IllegalArgumentException("maxIndexedFrames: must be at least 0, got " + maxIndexedFrames);
        }
        this.threadMode = threadMode;
        this.binWidthNanos = binWidthNanos;
        this.maxIndexedFrames = maxIndexedFrames;
    }

    /** The stats as {@code options} ask for them (thread mode, bin width, frame index size). */
    public static FrameStats of(ReportOptions options) {
        return new FrameStats(options.threadMode(), options.binWidthNanos(), options.maxIndexedFrames());
    }

    /**
     * @param frames frames as in {@link InputSchema#FRAMES}
     * @param budgetedSpans spans with a non-null {@code budget} column, from {@link SpanBudgets}
     */
    public Dataset<Row> compute(Dataset<Row> frames, Dataset<Row> budgetedSpans) {
        Dataset<Row> validFrames = frames.where(col("frame_begin").leq(col("frame_end")))
                .select("process_id", "stream_id", "frame_begin", "frame_end");
        Dataset<Row> spans = SelfTime.annotate(budgetedSpans.select("process_id", "stream_id", "name", SpanBudgets.BUDGET,
                        "begin", "end", "duration"))
                .select("process_id", "stream_id", SpanBudgets.BUDGET, "begin", "end", "duration", SelfTime.SELF_DURATION);
        List<Row> indexed = maxIndexedFrames == 0 ? null : validFrames.limit(maxIndexedFrames + 1).collectAsList();
        Dataset<Row> tallies = indexed != null && indexed.size() <= maxIndexedFrames
                ? tallied(FrameIndex.of(indexed, threadMode), spans)
                : joined(validFrames, spans);
        return tallies
                .groupBy(col("process_id"), col(FrameSpanJoin.FRAME_STREAM_ID), col("frame_begin"), col("frame_end"),
                        col(FRAME_COPIES), col(SpanBudgets.BUDGET))
                .agg(sum("count_in_frame").as("count_in_frame"), sum("duration_in_frame").as("duration_in_frame"),
                        sum(SELF_DURATION_IN_FRAME).as(SELF_DURATION_IN_FRAME))
                .withColumn("copy", explode(sequence(lit(1L), col(FRAME_COPIES))))
                .select("process_id", "frame_begin", "frame_end", "budget", "count_in_frame", "duration_in_frame",
                        SELF_DURATION_IN_FRAME);
    }

    private Dataset<Row> tallied(FrameIndex index, Dataset<Row> spans) {
        Broadcast<FrameIndex> broadcast = JavaSparkContext.fromSparkContext(spans.sparkSession().sparkContext()).broadcast(index);
        // All threads: the index ignores the span's stream, so it is not turned into a string per span.
        Dataset<Row> lookedUp = threadMode == ThreadMode.MAIN_THREAD ? spans
                : spans.withColumn("stream_id", lit(""));
        return lookedUp.mapPartitions(new FrameBudgetTally(broadcast), Encoders.row(FrameBudgetTally.SCHEMA));
    }

    private Dataset<Row> joined(Dataset<Row> frames, Dataset<Row> spans) {
        Dataset<Row> distinctFrames = frames
                .groupBy("process_id", "stream_id", "frame_begin", "frame_end")
                .agg(count(lit(1)).as(FRAME_COPIES));
        return new FrameSpanJoin(threadMode, binWidthNanos).join(distinctFrames, spans)
                .select(col("process_id"), col(FrameSpanJoin.FRAME_STREAM_ID), col("frame_begin"), col("frame_end"),
                        col(FRAME_COPIES), col(SpanBudgets.BUDGET), lit(1L).as("count_in_frame"),
                        col("duration").as("duration_in_frame"), col(SelfTime.SELF_DURATION).as(SELF_DURATION_IN_FRAME));
    }
}
