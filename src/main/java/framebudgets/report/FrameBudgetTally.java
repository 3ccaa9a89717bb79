package framebudgets.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Counts one partition's spans into the frames that contain them, found in the broadcast
 * {@link FrameIndex}: one row per (frame, budget) the partition's spans fall in, with their count, summed
 * duration and summed self time. Spans are never paired with frames in Spark, so nothing but these small partial
 * tallies (a few per frame) leaves the partition; the tallies of a frame's spans read in other
 * partitions (other streams of the process) are summed afterwards.
 *
 * <p>Input columns: {@code process_id, stream_id, budget, begin, end, duration, self_duration}; output:
 * {@link #SCHEMA}.
 */
final class FrameBudgetTally implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    static final StructType SCHEMA = new StructType()
            .add("process_id", DataTypes.StringType, false)
            .add(FrameSpanJoin.FRAME_STREAM_ID, DataTypes.StringType, false)
            .add("frame_begin", DataTypes.LongType, false)
            .add("frame_end", DataTypes.LongType, false)
            .add(FrameStats.FRAME_COPIES, DataTypes.LongType, false)
            .add(SpanBudgets.BUDGET, DataTypes.StringType, false)
            .add("count_in_frame", DataTypes.LongType, false)
            .add("duration_in_frame", DataTypes.LongType, false)
            .add(FrameStats.SELF_DURATION_IN_FRAME, DataTypes.LongType, false);

    private final Broadcast<FrameIndex> frames;

    FrameBudgetTally(Broadcast<FrameIndex> frames) {
        this.frames = frames;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> spans) {
        FrameIndex index = frames.value();
        PartitionTallies tallies = new PartitionTallies();
        String processId = null;
        String streamId = null;
        FrameIndex.Timeline timeline = null;
        while (spans.hasNext()) {
            Row span = spans.next();
            String spanProcess = span.getString(0);
            String spanStream = span.getString(1);
            if (timeline == null || !Objects.equals(spanProcess, processId) || !Objects.equals(spanStream, streamId)) {
                processId = spanProcess;
                streamId = spanStream;
                timeline = index.timeline(processId, streamId);
            }
            if (timeline != null) {
                tallies.select(span.getString(2), span.getLong(5), span.getLong(6));
                timeline.forEachContaining(span.getLong(3), span.getLong(4), tallies);
            }
        }
        return tallies.rows(index).iterator();
    }

    /** Count and duration per (frame, budget) of one partition; receives the frames of one span at a time. */
    private static final class PartitionTallies implements IntConsumer {
        private final Map<String, Integer> budgetIds = new HashMap<>();
        private final List<String> budgets = new ArrayList<>();
        private final Map<Long, long[]> tallies = new HashMap<>();
        private long budgetId;
        private long duration;
        private long self;
        private long lastKey = -1;
        private long[] last;

        /** The span whose frames come next. */
        void select(String budget, long spanDuration, long spanSelf) {
            Integer id = budgetIds.get(budget);
            if (id == null) {
                id = budgets.size();
                budgetIds.put(budget, id);
                budgets.add(budget);
            }
            budgetId = id;
            duration = spanDuration;
            self = spanSelf;
        }

        @Override
        public void accept(int frame) {
            long key = ((long) frame << 32) | budgetId;
            if (key != lastKey) {
                last = tallies.computeIfAbsent(key, k -> new long[3]);
                lastKey = key;
            }
            last[0]++;
            last[1] = Math.addExact(last[1], duration);
            last[2] = Math.addExact(last[2], self);
        }

        List<Row> rows(FrameIndex index) {
            List<Row> out = new ArrayList<>(tallies.size());
            tallies.forEach((key, tally) -> {
                int frame = (int) (key >>> 32);
                out.add(RowFactory.create(index.processId(frame), index.streamId(frame), index.begin(frame),
                        index.end(frame), index.copies(frame), budgets.get((int) (key & 0xFFFF_FFFFL)), tally[0], tally[1], tally[2]));
            });
            return out;
        }
    }
}
