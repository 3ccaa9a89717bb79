package framebudgets.flightsql;

import org.apache.arrow.vector.ViewVarBinaryVector;
import org.apache.arrow.vector.ViewVarCharVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.unsafe.types.UTF8String;

/** Arrow string and binary view columns (Utf8View, BinaryView), which Spark's reader lacks. */
final class ViewColumnVector extends ArrowBackedColumnVector {

    ViewColumnVector(DataType type, ValueVector views) {
        super(type, views);
    }

    @Override
    public UTF8String getUTF8String(int rowId) {
        return vector.isNull(rowId) ? null : UTF8String.fromBytes(((ViewVarCharVector) vector).get(rowId));
    }

    @Override
    public byte[] getBinary(int rowId) {
        return vector.isNull(rowId) ? null : ((ViewVarBinaryVector) vector).get(rowId);
    }
}
