package framebudgets.flightsql;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The Arrow memory of one Spark task (or one driver-side call such as schema discovery): a root
 * allocator with one child per connection, named after the task and the server. Each level closes
 * only at zero bytes: a connection or task that still holds Arrow memory fails its close with
 * Arrow's IllegalStateException naming the allocator and its bytes, so a leak fails the Spark task
 * (or the planning call) instead of passing unnoticed. Its peak is reported as a scan metric.
 */
final class FlightSqlMemory implements AutoCloseable {
    private final String owner;
    private final RootAllocator root = new RootAllocator(Long.MAX_VALUE);

    FlightSqlMemory(String owner) {
        this.owner = owner;
    }

    /** A child allocator for one connection to {@code target} (host:port); the connection closes it. */
    BufferAllocator forConnection(String target) {
        return root.newChildAllocator(owner + " <- " + target, 0, Long.MAX_VALUE);
    }

    /** The most Arrow memory this task held at once, in bytes. */
    long peakBytes() {
        return root.getPeakMemoryAllocation();
    }

    /** Fails (IllegalStateException) if a connection is still open or a byte is still allocated. */
    @Override
    public void close() {
        root.close();
    }
}
