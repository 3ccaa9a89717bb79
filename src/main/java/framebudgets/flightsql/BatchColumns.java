package framebudgets.flightsql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.spark.sql.execution.vectorized.ConstantColumnVector;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The Spark columns of one stream's batches, in the read schema's order: the stream's own vectors
 * by name (wrapped, not copied), and the partition's constant columns as
 * {@link ConstantColumnVector}s. A column missing from the result, or of another type than the
 * schema says, fails naming it.
 */
final class BatchColumns {
    private BatchColumns() {}

    static ColumnVector[] of(StructType schema, Map<String, String> constants, VectorSchemaRoot root,
                             DictionaryProvider dictionaries, TimestampMode timestamps, String target) {
        ColumnVector[] columns = new ColumnVector[schema.fields().length];
        for (int i = 0; i < columns.length; i++) {
            StructField field = schema.fields()[i];
            String constant = constants.get(field.name());
            if (constant != null) {
                columns[i] = constant(field, constant, root.getRowCount());
                continue;
            }
            FieldVector vector = root.getVector(field.name());
            if (vector == null) {
                List<String> names = new ArrayList<>();
                root.getSchema().getFields().forEach(f -> names.add(f.getName()));
                throw new IllegalStateException("column \"" + field.name() + "\" of the Spark schema is not in the result of "
                        + target + " (it has " + names + ")");
            }
            columns[i] = ArrowToSpark.column(vector, field.name(), dictionaries, timestamps);
            if (!columns[i].dataType().sameType(field.dataType())) {
                throw new IllegalStateException("column \"" + field.name() + "\": the server sends " + vector.getField().getType()
                        + " (Spark " + columns[i].dataType().simpleString() + ") but the schema says "
                        + field.dataType().simpleString());
            }
        }
        return columns;
    }

    /** The same string on every row, held once (it is never null, so its row count only matters for null counts). */
    private static ColumnVector constant(StructField field, String value, int rows) {
        if (!(field.dataType() instanceof StringType)) {
            throw new IllegalStateException("column \"" + field.name() + "\" is a constant of option queries, a string, "
                    + "but the schema says " + field.dataType().simpleString());
        }
        ConstantColumnVector column = new ConstantColumnVector(rows, DataTypes.StringType);
        column.setUtf8String(UTF8String.fromString(value));
        return column;
    }
}
