package framebudgets.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.timestamp_micros;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Adds the convenience columns BI tools want next to the exact nanosecond ones: every
 * {@code *duration*} bigint gets a {@code *_ms} double, every {@code frame_begin}/{@code frame_end}
 * (epoch ns) gets a {@code *_time} timestamp. The nanosecond columns stay the source of truth.
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
                columns.add(timestamp_micros(col(name).divide(1000).cast("long")).as(name + "_time"));
            }
        }
        return table.select(columns.toArray(new Column[0]));
    }
}
