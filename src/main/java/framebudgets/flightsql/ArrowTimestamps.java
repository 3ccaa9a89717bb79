package framebudgets.flightsql;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Remembers, in Spark field metadata, the Arrow unit and zone of each top-level timestamp column
 * found by schema discovery, so filter pushdown can tell whether a comparison is exact. Columns of
 * a user-given schema carry none, and their timestamp filters stay with Spark.
 */
final class ArrowTimestamps {
    static final String UNIT_NANOS = "flightsql.arrow_timestamp_unit_nanos";
    static final String ZONED = "flightsql.arrow_timestamp_zoned";

    private ArrowTimestamps() {}

    /** {@code spark} with the metadata of the timestamp columns of {@code arrow}. */
    static StructType annotate(StructType spark, Schema arrow) {
        List<StructField> fields = new ArrayList<>();
        for (StructField field : spark.fields()) {
            Field source = arrow.findField(field.name());
            if (source != null && source.getDictionary() == null && source.getType() instanceof ArrowType.Timestamp ts) {
                Metadata metadata = new MetadataBuilder().withMetadata(field.metadata())
                        .putLong(UNIT_NANOS, ArrowToSpark.nanosPer(ts.getUnit()))
                        .putBoolean(ZONED, ts.getTimezone() != null)
                        .build();
                fields.add(new StructField(field.name(), field.dataType(), field.nullable(), metadata));
            } else {
                fields.add(field);
            }
        }
        return new StructType(fields.toArray(new StructField[0]));
    }

    /** Nanoseconds per tick of the column's Arrow timestamp unit; null when not a known timestamp column. */
    static Long unitNanos(StructField field) {
        return field.metadata().contains(UNIT_NANOS) ? field.metadata().getLong(UNIT_NANOS) : null;
    }

    static boolean zoned(StructField field) {
        return field.metadata().contains(ZONED) && field.metadata().getBoolean(ZONED);
    }
}
