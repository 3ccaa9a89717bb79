package framebudgets.report;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns each input of the report must have. Checked up front so that a wrong input (say,
 * Spark timestamps instead of epoch-nanosecond longs, which would lose nanoseconds) fails with a
 * message naming the input and column, not deep inside a Spark plan.
 */
final class InputSchema {
    static final Map<String, DataType> FRAMES = columns(
            "process_id", DataTypes.StringType, "stream_id", DataTypes.StringType,
            "frame_begin", DataTypes.LongType, "frame_end", DataTypes.LongType);
    static final Map<String, DataType> SPANS = columns(
            "process_id", DataTypes.StringType, "stream_id", DataTypes.StringType, "name", DataTypes.StringType,
            "begin", DataTypes.LongType, "end", DataTypes.LongType, "duration", DataTypes.LongType);
    static final Map<String, DataType> PROCESSES = columns(
            "process_id", DataTypes.StringType, "exe", DataTypes.StringType);

    /** Columns an input may lack; when present they must have this type. */
    static final Map<String, DataType> OPTIONAL_PROCESS_COLUMNS = columns("build", DataTypes.StringType);

    private InputSchema() {}

    /** Like {@link #require}, for columns that may be absent. */
    static void allow(Dataset<Row> input, String inputName, Map<String, DataType> optional) {
        for (StructField field : input.schema().fields()) {
            DataType expected = optional.get(field.name());
            if (expected != null && !field.dataType().equals(expected)) {
                throw new IllegalArgumentException(inputName + ": column '" + field.name() + "' is "
                        + field.dataType().simpleString() + ", expected " + describe(expected));
            }
        }
    }

    static void require(Dataset<Row> input, String inputName, Map<String, DataType> expected) {
        StructType schema = input.schema();
        for (Map.Entry<String, DataType> column : expected.entrySet()) {
            StructField field = Arrays.stream(schema.fields())
                    .filter(f -> f.name().equals(column.getKey()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(inputName + ": missing column '" + column.getKey()
                            + "' (" + describe(column.getValue()) + "); it has " + Arrays.toString(schema.fieldNames())));
            if (!field.dataType().equals(column.getValue())) {
                throw new IllegalArgumentException(inputName + ": column '" + column.getKey() + "' is "
                        + field.dataType().simpleString() + ", expected " + describe(column.getValue()));
            }
        }
    }

    private static String describe(DataType type) {
        return type.equals(DataTypes.LongType) ? "bigint nanoseconds (times since the epoch)" : type.simpleString();
    }

    private static Map<String, DataType> columns(Object... nameTypePairs) {
        Map<String, DataType> columns = new LinkedHashMap<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            columns.put((String) nameTypePairs[i], (DataType) nameTypePairs[i + 1]);
        }
        return columns;
    }
}
