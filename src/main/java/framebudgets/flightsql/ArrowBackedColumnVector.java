package framebudgets.flightsql;

import org.apache.arrow.vector.ValueVector;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarArray;
import org.apache.spark.sql.vectorized.ColumnarMap;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Base of the zero-copy {@link ColumnVector}s for the Arrow types Spark's own
 * {@code ArrowColumnVector} cannot read. Validity comes from the Arrow vector; each subclass
 * overrides only the getters of its Spark type. The Arrow vector belongs to the Flight stream, so
 * {@link #close()} releases nothing.
 */
abstract class ArrowBackedColumnVector extends ColumnVector {
    protected final ValueVector vector;

    ArrowBackedColumnVector(DataType type, ValueVector vector) {
        super(type);
        this.vector = vector;
    }

    @Override
    public void close() {}

    @Override
    public boolean hasNull() {
        return vector.getNullCount() > 0;
    }

    @Override
    public int numNulls() {
        return vector.getNullCount();
    }

    @Override
    public boolean isNullAt(int rowId) {
        return vector.isNull(rowId);
    }

    private UnsupportedOperationException unsupported(String getter) {
        return new UnsupportedOperationException(
                getClass().getSimpleName() + " of " + dataType().simpleString() + " has no " + getter);
    }

    @Override
    public boolean getBoolean(int rowId) {
        throw unsupported("getBoolean");
    }

    @Override
    public byte getByte(int rowId) {
        throw unsupported("getByte");
    }

    @Override
    public short getShort(int rowId) {
        throw unsupported("getShort");
    }

    @Override
    public int getInt(int rowId) {
        throw unsupported("getInt");
    }

    @Override
    public long getLong(int rowId) {
        throw unsupported("getLong");
    }

    @Override
    public float getFloat(int rowId) {
        throw unsupported("getFloat");
    }

    @Override
    public double getDouble(int rowId) {
        throw unsupported("getDouble");
    }

    @Override
    public ColumnarArray getArray(int rowId) {
        throw unsupported("getArray");
    }

    @Override
    public ColumnarMap getMap(int rowId) {
        throw unsupported("getMap");
    }

    @Override
    public Decimal getDecimal(int rowId, int precision, int scale) {
        throw unsupported("getDecimal");
    }

    @Override
    public UTF8String getUTF8String(int rowId) {
        throw unsupported("getUTF8String");
    }

    @Override
    public byte[] getBinary(int rowId) {
        throw unsupported("getBinary");
    }

    @Override
    public ColumnVector getChild(int ordinal) {
        throw unsupported("getChild");
    }
}
