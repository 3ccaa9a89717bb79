package framebudgets.job;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.timestamp_micros;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Adds the convenience columns BI tools want next to the exact nanosecond ones: every
 * {@code *duration*} bigint gets a {@code *_ms} double, every {@code frame_begin}/{@code frame_end}
 * (epoch ns) gets a {@code *_time} timestamp (the microsecond it falls in). The nanosecond columns stay the source of truth.
 */
final class BiColumns {
    private BiColumns() {}

    static Dataset<Row> add(Dataset<Row> table) {
        List<Column> columns = new ArrayList<>();
        for (String name : table.columns()) {
            columns.add(col(name));
            if (name.contains("duration")) {
                columns.add(col(name).divide(1_000_000.0).as(name + "_ms"));
            } else if (name.equals("frame_begin") || name.equals("frame_end")) {
                columns.add(timestamp_micros(floorMicros(col(name))).as(name + "_time"));
            }
        }
        return table.select(columns.toArray(new Column[0]));
    }

    /**
     * Epoch ns to epoch µs rounded down, in long arithmetic: through a double (what {@code divide}
     * does) nanosecond times of today's magnitude lose up to 128 ns and land in the next microsecond.
     */
    private static Column floorMicros(Column nanos) {
        return call_function("div", nanos.minus(pmod(nanos, lit(1000L))), lit(1000L));
    }
}
