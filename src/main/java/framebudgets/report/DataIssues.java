package framebudgets.report;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.try_subtract;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import scala.jdk.javaapi.FutureConverters;

/**
 * What the report does with malformed telemetry, and how much of it a run saw (the run log's
 * {@code data_issues}). The rules:
 * <ul>
 *   <li>a span with a null name, begin, end or duration is dropped ({@value #NULL_SPAN_FIELDS});</li>
 *   <li>a span that ends before it begins, or with a negative duration, is dropped
 *       ({@value #INVALID_SPAN_TIMES});</li>
 *   <li>a span whose duration is not {@code end - begin} is kept with the server's duration (the
 *       report sums the {@code duration} column, as the seed does) and counted
 *       ({@value #INCONSISTENT_SPAN_DURATIONS});</li>
 *   <li>a frame with a null bound, or that ends before it begins, is dropped ({@value #INVALID_FRAMES});</li>
 *   <li>exact-duplicate spans (same stream, name, begin and end: a re-sent block) are kept, each
 *       counts, as in micromegas' own report ({@value DuplicateSpans#DUPLICATE_SPANS}: the copies
 *       beyond the first, when the spans were marked by {@link DuplicateSpans#mark});</li>
 *   <li>identical frames are each a frame ({@value #DUPLICATE_FRAMES}: the copies beyond the first);</li>
 *   <li>frames that overlap are legal, each is a frame ({@value #OVERLAPPING_FRAMES}: distinct frames
 *       beginning before an earlier frame of the same stream ends; touching frames do not overlap).</li>
 * </ul>
 * Span counts are observed ({@link Dataset#observe}) while the report reads the spans, so they
 * cost no extra pass; frame counts are one aggregation over the (small, persisted) frames.
 */
public final class DataIssues {
    public static final String NULL_SPAN_FIELDS = "null_span_fields";
    public static final String INVALID_SPAN_TIMES = "invalid_span_times";
    public static final String INCONSISTENT_SPAN_DURATIONS = "inconsistent_span_durations";
    public static final String INVALID_FRAMES = "invalid_frames";
    public static final String DUPLICATE_FRAMES = "duplicate_frames";
    public static final String OVERLAPPING_FRAMES = "overlapping_frames";

    private DataIssues() {}

    /** True for a span the report uses (see the rules above). */
    static Column validSpan() {
        return spanFieldsPresent().and(spanTimesValid());
    }

    /** True for a frame the report uses. */
    static Column validFrame() {
        return coalesce(col("frame_end").geq(col("frame_begin"))
                .and(try_subtract(col("frame_end"), col("frame_begin")).isNotNull()), lit(false));
    }

    /**
     * {@code spans} with the span counts attached to {@code observation}: they are filled in when
     * the first action over the spans finishes; read them with {@link #observedSpanIssues}. Spans
     * marked by {@link DuplicateSpans#mark} get their copies counted too, and lose the mark.
     */
    public static Dataset<Row> observeSpans(Dataset<Row> spans, Observation observation) {
        List<Column> counts = new ArrayList<>(List.of(
                count_if(spanFieldsPresent().and(not(spanTimesValid()))).as(INVALID_SPAN_TIMES),
                count_if(validSpan().and(not(coalesce(col("duration").equalTo(try_subtract(col("end"), col("begin"))), lit(false)))))
                        .as(INCONSISTENT_SPAN_DURATIONS)));
        boolean marked = DuplicateSpans.marked(spans);
        if (marked) {
            counts.add(DuplicateSpans.countCopies());
        }
        Dataset<Row> observed = spans.observe(observation, count_if(not(spanFieldsPresent())).as(NULL_SPAN_FIELDS),
                counts.toArray(Column[]::new));
        return marked ? observed.drop(DuplicateSpans.COPY) : observed;
    }

    /**
     * The span counts of {@code observation}, waiting at most {@code timeoutMillis} for them; empty
     * when they were not recorded (no action read the spans, or Spark optimized the read away, e.g.
     * when there was no frame to join).
     */
    public static Map<String, Long> observedSpanIssues(Observation observation, long timeoutMillis) {
        Row row;
        try {
            row = FutureConverters.asJava(observation.future()).toCompletableFuture().get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
        if (row == null || row.schema() == null) {
            return Map.of();
        }
        Map<String, Long> counts = new TreeMap<>();
        for (String name : row.schema().fieldNames()) {
            counts.put(name, row.getAs(name));
        }
        return counts;
    }

    /** The frame counts ({@value #INVALID_FRAMES}, {@value #DUPLICATE_FRAMES}, {@value #OVERLAPPING_FRAMES}) of {@code frames}. */
    public static Map<String, Long> frameIssues(Dataset<Row> frames) {
        InputSchema.require(frames, "frames", InputSchema.FRAMES);
        WindowSpec earlier = Window.partitionBy("process_id", "stream_id").orderBy("frame_begin", "frame_end")
                .rowsBetween(Window.unboundedPreceding(), -1);
        Column valid = col("valid");
        Row counts = frames
                .groupBy("process_id", "stream_id", "frame_begin", "frame_end")
                .agg(count(lit(1)).as("copies"))
                .withColumn("valid", validFrame())
                .withColumn("overlaps", coalesce(max(when(valid, col("frame_end"))).over(earlier).gt(col("frame_begin")), lit(false)))
                .agg(coalesce(sum(when(not(valid), col("copies"))), lit(0L)).as(INVALID_FRAMES),
                        coalesce(sum(when(valid, col("copies").minus(1))), lit(0L)).as(DUPLICATE_FRAMES),
                        count_if(valid.and(col("overlaps"))).as(OVERLAPPING_FRAMES))
                .head();
        Map<String, Long> out = new TreeMap<>();
        for (String name : counts.schema().fieldNames()) {
            out.put(name, counts.getAs(name));
        }
        return out;
    }

    private static Column spanFieldsPresent() {
        return col("name").isNotNull().and(col("begin").isNotNull()).and(col("end").isNotNull())
                .and(col("duration").isNotNull());
    }

    private static Column spanTimesValid() {
        return coalesce(col("end").geq(col("begin")).and(col("duration").geq(0)), lit(false));
    }
}
