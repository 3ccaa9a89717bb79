package framebudgets.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_if;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Finds exact-duplicate spans: a span whose stream, name, begin and end are those of another span
 * of the stream. micromegas stores them when a client re-sends a block (an HTTP retry of an upload
 * that had landed) and the server's duplicate-block cleanup has not run yet: every span of the
 * block comes back twice. They are kept and each copy counts, as in micromegas' own frame-budget
 * report, which sums the spans the server returns; the copies beyond the first are counted in the
 * run log's {@value #DUPLICATE_SPANS}. The span read has no depth, so a recursive child with the
 * very name and nanosecond bounds of its parent counts as a copy too (the report still counts both).
 *
 * <p>Each input partition of the span read is one stream's query, so copies meet inside their
 * partition: each partition is sorted by stream, begin, end and name and each span compared with
 * the one before it; no span crosses the network. Apply it right on the read (a persisted read, or a
 * union of reads, keeps the reads' partitions): a stream whose spans were spread over several
 * partitions would have its copies in different partitions undercounted.
 */
public final class DuplicateSpans {
    public static final String DUPLICATE_SPANS = "duplicate_spans";
    /** The marking column: true on a span equal to the one before it. */
    static final String COPY = "_duplicate_span";

    private DuplicateSpans() {}

    /** {@code spans} (sorted within each partition) with a column {@value #COPY}, true on each copy beyond the first. */
    public static Dataset<Row> mark(Dataset<Row> spans) {
        InputSchema.require(spans, "spans", InputSchema.SPANS);
        StructType schema = spans.schema();
        StructType marked = schema.add(COPY, DataTypes.BooleanType, false);
        int[] key = {schema.fieldIndex("stream_id"), schema.fieldIndex("begin"), schema.fieldIndex("end"),
            schema.fieldIndex("name")};
        return spans.sortWithinPartitions("stream_id", "begin", "end", "name")
                .mapPartitions((MapPartitionsFunction<Row, Row>) rows -> new Marking(rows, key), Encoders.row(marked));
    }

    /** Whether {@code spans} carries the marks of {@link #mark}. */
    static boolean marked(Dataset<Row> spans) {
        return Arrays.asList(spans.columns()).contains(COPY);
    }

    /** The observed count of copies, for spans made by {@link #mark}. */
    static Column countCopies() {
        return count_if(col(COPY)).as(DUPLICATE_SPANS);
    }

    /** Appends the mark to each row: whether its key fields (none null) equal the previous row's. */
    private static final class Marking implements Iterator<Row> {
        private final Iterator<Row> rows;
        private final int[] key;
        private Row previous;

        Marking(Iterator<Row> rows, int[] key) {
            this.rows = rows;
            this.key = key;
        }

        @Override
        public boolean hasNext() {
            return rows.hasNext();
        }

        @Override
        public Row next() {
            Row row = rows.next();
            boolean copy = previous != null && sameKey(previous, row);
            previous = row;
            Object[] values = new Object[row.length() + 1];
            for (int i = 0; i < row.length(); i++) {
                values[i] = row.get(i);
            }
            values[row.length()] = copy;
            return RowFactory.create(values);
        }

        private boolean sameKey(Row a, Row b) {
            for (int i : key) {
                if (a.isNullAt(i) || !Objects.equals(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }
}
