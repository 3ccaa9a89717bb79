package framebudgets.flightsql;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Remembers, in Spark field metadata, the Arrow type of each top-level column found by schema
 * discovery, and the unit and zone of timestamp columns, so filter pushdown can tell whether a
 * comparison is exact. Columns of a user-given schema carry none: their timestamp filters stay with
 * Spark, and so do comparisons on their {@code bigint}s in {@code epoch_nanos} mode, which may be
 * server timestamps.
 */
final class ArrowTimestamps {
    static final String UNIT_NANOS = "flightsql.arrow_timestamp_unit_nanos";
    static final String ZONED = "flightsql.arrow_timestamp_zoned";
    static final String ARROW_TYPE = "flightsql.arrow_type";

    private ArrowTimestamps() {}

    /** {@code spark} with the metadata of the timestamp columns of {@code arrow}. */
    static StructType annotate(StructType spark, Schema arrow) {
        List<StructField> fields = new ArrayList<>();
        for (StructField field : spark.fields()) {
            Field source = arrow.findField(field.name());
            if (source == null) {
                fields.add(field);
                continue;
            }
            MetadataBuilder metadata = new MetadataBuilder().withMetadata(field.metadata())
                    .putString(ARROW_TYPE, source.getType().toString());
            if (source.getDictionary() == null && source.getType() instanceof ArrowType.Timestamp ts) {
                metadata.putLong(UNIT_NANOS, ArrowToSpark.nanosPer(ts.getUnit()))
                        .putBoolean(ZONED, ts.getTimezone() != null);
            }
            fields.add(new StructField(field.name(), field.dataType(), field.nullable(), metadata.build()));
        }
        return new StructType(fields.toArray(new StructField[0]));
    }

    /** Nanoseconds per tick of the column's Arrow timestamp unit; null when not a known timestamp column. */
    static Long unitNanos(StructField field) {
        return field.metadata().contains(UNIT_NANOS) ? field.metadata().getLong(UNIT_NANOS) : null;
    }

    /** Whether schema discovery saw this column's Arrow type (false for the columns of a user schema). */
    static boolean discovered(StructField field) {
        return field.metadata().contains(ARROW_TYPE);
    }

    static boolean zoned(StructField field) {
        return field.metadata().contains(ZONED) && field.metadata().getBoolean(ZONED);
    }
}
