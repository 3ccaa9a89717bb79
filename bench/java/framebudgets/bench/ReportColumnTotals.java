package framebudgets.bench;

import java.util.List;
import org.apache.spark.sql.Row;

/**
 * An aggregate over the span columns the report itself reads from thread_spans ({@code name},
 * {@code begin}, {@code end}, {@code duration}): row count, latest begin and end (microseconds),
 * total duration and the UTF-8 bytes of the names. Raw and the source compute it alike, so equal
 * totals show they read the same values.
 */
record ReportColumnTotals(long rows, long maxBeginMicros, long maxEndMicros, long duration, long nameBytes) {

    /** The columns, as the report's span query selects them. */
    static final String QUERY = "SELECT name, \"begin\", \"end\", duration FROM " + SpanData.TABLE;

    /** The Spark SQL expressions computing it, in component order. */
    static final List<String> SPARK_EXPRESSIONS = List.of("count(*)", "unix_micros(max(`begin`))",
            "unix_micros(max(`end`))", "sum(duration)", "sum(octet_length(name))");

    static ReportColumnTotals of(Row row) {
        long[] values = new long[SPARK_EXPRESSIONS.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.isNullAt(i) ? 0 : ((Number) row.get(i)).longValue();
        }
        return new ReportColumnTotals(values[0], values[1], values[2], values[3], values[4]);
    }
}
