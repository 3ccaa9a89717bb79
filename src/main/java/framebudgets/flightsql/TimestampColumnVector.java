package framebudgets.flightsql;

import org.apache.arrow.vector.TimeStampVector;
import org.apache.spark.sql.types.DataType;

/**
 * An Arrow timestamp of any unit read as a Spark long in another unit: microseconds for
 * {@code TimestampType}/{@code TimestampNTZType}, or nanoseconds for the lossless
 * {@code epoch_nanos} mode. Finer units are floored (as Spark does for nanosecond input); coarser
 * units are scaled up and fail on overflow rather than wrap.
 */
final class TimestampColumnVector extends ArrowBackedColumnVector {
    private final TimeStampVector timestamps;
    private final long multiplier;
    private final long divisor;

    /** Values are {@code raw * multiplier / divisor}, with one of the two equal to 1. */
    TimestampColumnVector(DataType type, TimeStampVector timestamps, long multiplier, long divisor) {
        super(type, timestamps);
        this.timestamps = timestamps;
        this.multiplier = multiplier;
        this.divisor = divisor;
    }

    @Override
    public long getLong(int rowId) {
        long raw = timestamps.get(rowId);
        if (divisor != 1) {
            return Math.floorDiv(raw, divisor);
        }
        try {
            return Math.multiplyExact(raw, multiplier);
        } catch (ArithmeticException e) {
            throw new ArithmeticException("timestamp " + raw + " in column " + timestamps.getName()
                    + " is out of the range Spark can hold in this unit");
        }
    }
}
