package framebudgets.flightsql;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the server streams this JVM cancelled because Spark stopped reading before their end
 * (a {@code limit}, {@code show()}, a failed task), for tests and diagnostics.
 */
public final class FlightSqlStreams {
    private static final AtomicLong CANCELLED = new AtomicLong();

    private FlightSqlStreams() {}

    /** Streams cancelled early since this JVM started. */
    public static long cancelledEarly() {
        return CANCELLED.get();
    }

    static void countCancelled() {
        CANCELLED.incrementAndGet();
    }
}
