package framebudgets.bench;

import java.util.List;
import org.apache.spark.sql.Row;

/**
 * The aggregate that touches every column of the span table, cheap enough not to hide the read
 * cost: sums of the integer columns and of the UTF-8 byte lengths of the strings, the latest begin
 * and end (microseconds), and the row count. Every contender computes it, and equal totals show
 * they read the same values.
 */
record SpanTotals(long rows, long id, long parent, long depth, long hash, long maxBeginMicros,
        long maxEndMicros, long duration, long nameBytes, long targetBytes, long filenameBytes, long line) {

    /** The Spark SQL expressions computing it, in component order. */
    static final List<String> SPARK_EXPRESSIONS = List.of("count(*)", "sum(id)", "sum(parent)", "sum(depth)",
            "sum(hash)", "unix_micros(max(`begin`))", "unix_micros(max(`end`))", "sum(duration)",
            "sum(octet_length(name))", "sum(octet_length(target))", "sum(octet_length(filename))", "sum(line)");

    static SpanTotals of(Row row) {
        long[] values = new long[SPARK_EXPRESSIONS.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.isNullAt(i) ? 0 : ((Number) row.get(i)).longValue();
        }
        return new SpanTotals(values[0], values[1], values[2], values[3], values[4], values[5], values[6],
                values[7], values[8], values[9], values[10], values[11]);
    }
}
