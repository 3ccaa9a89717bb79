package framebudgets.standin;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightRuntimeException;

/**
 * Fault injection for reliability tests and drills: the first {@code count} DoGet streams that have
 * more than {@code afterBatches} batches end with UNAVAILABLE right after their
 * {@code afterBatches}-th batch, as when the server dies in the middle of a stream. Shorter
 * streams (catalog and discovery queries) are never cut. {@link #NONE} cuts nothing.
 */
final class StreamFaults {
    static final StreamFaults NONE = new StreamFaults(0, 1);

    private final AtomicInteger remaining;
    private final int afterBatches;

    StreamFaults(int count, int afterBatches) {
        if (count < 0) {
            throw new IllegalArgumentException("--cut-streams: the number of streams to cut must be >= 0, got " + count);
        }
        if (afterBatches < 1) {
            throw new IllegalArgumentException("--cut-after-batches: streams are cut after 1 or more batches, got " + afterBatches);
        }
        this.remaining = new AtomicInteger(count);
        this.afterBatches = afterBatches;
    }

    /**
     * Called before a stream sends its batch number {@code batch} (1-based): the error to end the
     * stream with instead, or null to send it.
     */
    FlightRuntimeException cutBefore(long batch) {
        if (batch != afterBatches + 1L || remaining.getAndUpdate(n -> Math.max(0, n - 1)) == 0) {
            return null;
        }
        return CallStatus.UNAVAILABLE.withDescription("the stand-in server dropped the stream after "
                + afterBatches + " batch(es) (fault injection)").toRuntimeException();
    }
}
