package framebudgets.flightsql;

import org.apache.arrow.vector.BaseIntVector;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarArray;
import org.apache.spark.sql.vectorized.ColumnarMap;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A dictionary-encoded Arrow column seen through its dictionary: row {@code i} reads entry
 * {@code indices[i]} of the dictionary column, so nothing is decoded or copied up front.
 */
final class DictionaryColumnVector extends ArrowBackedColumnVector {
    private final BaseIntVector indices;
    private final ColumnVector dictionary;

    DictionaryColumnVector(BaseIntVector indices, ColumnVector dictionary) {
        super(dictionary.dataType(), indices);
        this.indices = indices;
        this.dictionary = dictionary;
    }

    private int entry(int rowId) {
        return (int) indices.getValueAsLong(rowId);
    }

    @Override
    public boolean hasNull() {
        return indices.getNullCount() > 0 || dictionary.hasNull();
    }

    @Override
    public int numNulls() {
        int nulls = 0;
        for (int row = 0; row < indices.getValueCount(); row++) {
            if (isNullAt(row)) {
                nulls++;
            }
        }
        return nulls;
    }

    @Override
    public boolean isNullAt(int rowId) {
        return indices.isNull(rowId) || dictionary.isNullAt(entry(rowId));
    }

    @Override
    public boolean getBoolean(int rowId) {
        return dictionary.getBoolean(entry(rowId));
    }

    @Override
    public byte getByte(int rowId) {
        return dictionary.getByte(entry(rowId));
    }

    @Override
    public short getShort(int rowId) {
        return dictionary.getShort(entry(rowId));
    }

    @Override
    public int getInt(int rowId) {
        return dictionary.getInt(entry(rowId));
    }

    @Override
    public long getLong(int rowId) {
        return dictionary.getLong(entry(rowId));
    }

    @Override
    public float getFloat(int rowId) {
        return dictionary.getFloat(entry(rowId));
    }

    @Override
    public double getDouble(int rowId) {
        return dictionary.getDouble(entry(rowId));
    }

    @Override
    public ColumnarArray getArray(int rowId) {
        return dictionary.getArray(entry(rowId));
    }

    @Override
    public ColumnarMap getMap(int rowId) {
        return dictionary.getMap(entry(rowId));
    }

    @Override
    public Decimal getDecimal(int rowId, int precision, int scale) {
        return dictionary.getDecimal(entry(rowId), precision, scale);
    }

    @Override
    public UTF8String getUTF8String(int rowId) {
        return dictionary.getUTF8String(entry(rowId));
    }

    @Override
    public byte[] getBinary(int rowId) {
        return dictionary.getBinary(entry(rowId));
    }
}
