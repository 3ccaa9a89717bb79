package framebudgets.standin;

import java.time.Instant;

/** The time range a request asks for through {@code query_range_begin}/{@code query_range_end}, in UTC. */
record QueryRange(Instant begin, Instant end) {

    /** {@code begin} as nanoseconds since the epoch, the unit of DuckDB's {@code TIMESTAMP_NS}. */
    long beginNanos() {
        return epochNanos(begin);
    }

    long endNanos() {
        return epochNanos(end);
    }

    static long epochNanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
}
