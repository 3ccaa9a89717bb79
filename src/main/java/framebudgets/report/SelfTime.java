package framebudgets.report;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The self time of each budgeted span, as Tracy and Unreal Insights show it: each nanosecond of a
 * thread belongs to the innermost budgeted span on that thread's stack, and a span's self time is
 * the nanoseconds it owns. Spans without a budget (dropped by {@link SpanBudgets}) are transparent:
 * their time goes to their innermost budgeted ancestor, or to nobody ("unbudgeted").
 *
 * <p>The stack is rebuilt from the spans' own bounds, per stream: the spans are ordered by begin,
 * then end descending, then name, then budget (Spark's ordering of strings), and the owner of a
 * nanosecond [t, t+1) is the last span in that order that covers it ({@code begin <= t < end}). For
 * properly nested spans that is the innermost one; for spans with identical bounds the last by name
 * (then budget) counts as the innermost; of two partly overlapping spans (malformed on one thread)
 * the later one owns the overlap. Zero-length spans own nothing. Self time uses {@code begin} and
 * {@code end}, never the {@code duration} column.
 *
 * <p>Each stream's spans must be in one partition (as the span read gives them: one partition per
 * stream's query); each partition is sorted and swept with a stack, so no span crosses the network
 * and the cost is that of the sort, O(n log n).
 */
public final class SelfTime {
    /** The column this stage adds: the span's self time, ns. */
    public static final String SELF_DURATION = "self_duration";

    private SelfTime() {}

    /**
     * {@code spans} ({@code process_id, stream_id, name, budget string, begin, end bigint} and any
     * other columns, no null begin or end) with {@value #SELF_DURATION} added, in another order.
     */
    public static Dataset<Row> annotate(Dataset<Row> spans) {
        StructType schema = spans.schema();
        StructType annotated = schema.add(SELF_DURATION, DataTypes.LongType, false);
        int processId = schema.fieldIndex("process_id");
        int streamId = schema.fieldIndex("stream_id");
        int begin = schema.fieldIndex("begin");
        int end = schema.fieldIndex("end");
        return spans.sortWithinPartitions(col("process_id"), col("stream_id"), col("begin"), col("end").desc(),
                        col("name"), col(SpanBudgets.BUDGET))
                .mapPartitions((MapPartitionsFunction<Row, Row>) rows -> new Sweep(rows, processId, streamId, begin, end),
                        Encoders.row(annotated));
    }

    /** A span on the stack: still open, or ended but under an open span until it reaches the top. */
    private static final class Open {
        final Row row;
        final long end;
        long self;

        Open(Row row, long end) {
            this.row = row;
            this.end = end;
        }
    }

    /** Sweeps one partition's sorted spans, giving out each span with its self time once it leaves the stack. */
    private static final class Sweep implements Iterator<Row> {
        private final Iterator<Row> rows;
        private final int processId;
        private final int streamId;
        private final int begin;
        private final int end;
        private final Deque<Open> stack = new ArrayDeque<>();
        private final Deque<Row> done = new ArrayDeque<>();
        private Object process;
        private Object stream;
        private long now;

        Sweep(Iterator<Row> rows, int processId, int streamId, int begin, int end) {
            this.rows = rows;
            this.processId = processId;
            this.streamId = streamId;
            this.begin = begin;
            this.end = end;
        }

        @Override
        public boolean hasNext() {
            while (done.isEmpty()) {
                if (rows.hasNext()) {
                    push(rows.next());
                } else if (!stack.isEmpty()) {
                    advance(Long.MAX_VALUE);
                } else {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return done.poll();
        }

        private void push(Row span) {
            Object spanProcess = span.get(processId);
            Object spanStream = span.get(streamId);
            if (!Objects.equals(spanProcess, process) || !Objects.equals(spanStream, stream)) {
                advance(Long.MAX_VALUE);
                process = spanProcess;
                stream = spanStream;
                now = Long.MIN_VALUE;
            }
            long spanBegin = span.getLong(begin);
            advance(spanBegin);
            now = spanBegin;
            stack.push(new Open(span, span.getLong(end)));
        }

        /** Gives the time from now to {@code to} to the owners on the stack, popping the spans that end. */
        private void advance(long to) {
            while (!stack.isEmpty()) {
                Open top = stack.peek();
                if (top.end <= now) {
                    finish(stack.pop());
                } else if (now >= to) {
                    return;
                } else {
                    long until = Math.min(top.end, to);
                    top.self += until - now;
                    now = until;
                }
            }
        }

        private void finish(Open span) {
            Object[] values = new Object[span.row.length() + 1];
            for (int i = 0; i < span.row.length(); i++) {
                values[i] = span.row.get(i);
            }
            values[span.row.length()] = span.self;
            done.add(RowFactory.create(values));
        }
    }
}
