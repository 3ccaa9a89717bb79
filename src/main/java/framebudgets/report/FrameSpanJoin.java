package framebudgets.report;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Assigns spans to the frames that contain them, with the seed's rule: a span is in a frame iff
 * {@code span.begin >= frame_begin AND span.end <= frame_end} (inclusive, nanosecond-exact), on the
 * same process, and on the frame's own stream in {@link ThreadMode#MAIN_THREAD} mode. A span crossing
 * a frame boundary is in no frame; nested spans and overlapping or duplicate frames are all honoured:
 * the output has one row per (span, containing frame) pair.
 *
 * <p>The plan is a binned equi-join, never a nested-loop or Cartesian join: time is cut into bins of
 * {@code binWidthNanos}; each frame is exploded into every bin from the bin of its begin to the bin of
 * its end; each span is keyed by the bin of its begin. A span contained in a frame begins inside it, so
 * its bin is one of the frame's bins, and it meets that frame exactly once; the exact containment
 * predicate is then applied as the join's post-filter. The bin width therefore only trades frame
 * explosion (frame length / width rows per frame) against false candidates per span (about
 * width / frame length); it never changes the result. Bins are integer divisions of epoch
 * nanoseconds ({@code div}, never floating point), a non-decreasing function of time, which is all
 * the argument above needs.
 *
 * <p>Frames need {@code process_id, stream_id, frame_begin, frame_end} and may carry more columns;
 * spans need {@code process_id, stream_id, begin, end}. The output has every span column, then
 * {@code frame_stream_id, frame_begin, frame_end} and the frames' other columns (whose names must not
 * clash with span columns). Frames whose end precedes their begin contain nothing.
 */
public final class FrameSpanJoin {
    /** The stream the frame was read from (spans keep their own {@code stream_id}). */
    public static final String FRAME_STREAM_ID = "frame_stream_id";

    private static final String FRAME_PROCESS_ID = "frame_process_id";
    private static final String FRAME_BIN = "frame_bin";
    private static final String SPAN_BIN = "span_bin";

    private final ThreadMode threadMode;
    private final long binWidthNanos;

    public FrameSpanJoin(ThreadMode threadMode, long binWidthNanos) {
        if (binWidthNanos < 1) {
            throw new IllegalArgumentException("binWidthNanos: must be at least 1 ns, got " + binWidthNanos);
        }
        this.threadMode = threadMode;
        this.binWidthNanos = binWidthNanos;
    }

    public Dataset<Row> join(Dataset<Row> frames, Dataset<Row> spans) {
        Dataset<Row> binnedFrames = frames
                .where(col("frame_begin").leq(col("frame_end")))
                .withColumnRenamed("process_id", FRAME_PROCESS_ID)
                .withColumnRenamed("stream_id", FRAME_STREAM_ID)
                .withColumn(FRAME_BIN, explode(sequence(bin(col("frame_begin")), bin(col("frame_end")))));
        Dataset<Row> binnedSpans = spans.withColumn(SPAN_BIN, bin(col("begin")));

        Column sameBin = binnedSpans.col("process_id").equalTo(binnedFrames.col(FRAME_PROCESS_ID))
                .and(binnedSpans.col(SPAN_BIN).equalTo(binnedFrames.col(FRAME_BIN)));
        if (threadMode == ThreadMode.MAIN_THREAD) {
            sameBin = sameBin.and(binnedSpans.col("stream_id").equalTo(binnedFrames.col(FRAME_STREAM_ID)));
        }
        Column contained = binnedSpans.col("begin").geq(binnedFrames.col("frame_begin"))
                .and(binnedSpans.col("end").leq(binnedFrames.col("frame_end")));

        return binnedSpans.join(binnedFrames, sameBin.and(contained), "inner")
                .drop(SPAN_BIN, FRAME_BIN, FRAME_PROCESS_ID);
    }

    private Column bin(Column epochNanos) {
        return call_function("div", epochNanos, lit(binWidthNanos));
    }
}
