package framebudgets.flightsql;

import org.apache.arrow.vector.ValueVector;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.vectorized.ColumnVector;

/** An Arrow struct column whose fields are the converted child columns. */
final class StructColumnVector extends ArrowBackedColumnVector {
    private final ColumnVector[] fields;

    StructColumnVector(DataType type, ValueVector struct, ColumnVector[] fields) {
        super(type, struct);
        this.fields = fields;
    }

    @Override
    public ColumnVector getChild(int ordinal) {
        return fields[ordinal];
    }
}
