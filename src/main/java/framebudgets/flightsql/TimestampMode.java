package framebudgets.flightsql;

import java.util.Locale;

/** How Arrow timestamps reach Spark: option {@code timestamps}. */
public enum TimestampMode {
    /** Spark timestamps (microseconds): TimestampType with a time zone, TimestampNTZType without. */
    MICROS,
    /** Lossless nanoseconds since the epoch as LongType, whatever the Arrow unit. */
    EPOCH_NANOS;

    static TimestampMode parse(String value) {
        for (TimestampMode mode : values()) {
            if (mode.name().toLowerCase(Locale.ROOT).equals(value.trim().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new IllegalArgumentException(
                "option timestamps: '" + value + "' is not one of micros, epoch_nanos");
    }
}
