package framebudgets.flightsql;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;

/**
 * Arrow unsigned integers widened losslessly to the next signed Spark type: UInt8 to short,
 * UInt16 to int, UInt32 to long and UInt64 to decimal(20,0).
 */
final class UnsignedColumnVector extends ArrowBackedColumnVector {
    /** The Spark type of UInt64 values. */
    static final DecimalType UINT64_TYPE = DataTypes.createDecimalType(20, 0);

    private final BaseIntVector ints;

    UnsignedColumnVector(DataType type, BaseIntVector ints) {
        super(type, ints);
        this.ints = ints;
    }

    @Override
    public short getShort(int rowId) {
        return (short) ints.getValueAsLong(rowId);
    }

    @Override
    public int getInt(int rowId) {
        return (int) ints.getValueAsLong(rowId);
    }

    @Override
    public long getLong(int rowId) {
        return ints.getValueAsLong(rowId);
    }

    @Override
    public Decimal getDecimal(int rowId, int precision, int scale) {
        long bits = ((UInt8Vector) ints).get(rowId);
        if (bits >= 0) {
            return Decimal.apply(bits, precision, scale);
        }
        BigInteger unsigned = UInt8Vector.getNoOverflow(((UInt8Vector) ints).getDataBuffer(), rowId);
        return Decimal.apply(new BigDecimal(unsigned), precision, scale);
    }
}
