package framebudgets.flightsql;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Arrow memory of the source: every partition reader (and every driver-side planning call) gets
 * its own root allocator, closed when it is done. A close that finds bytes still allocated
 * records them here and fails, so a leak fails the Spark task; tests read the counters.
 */
public final class FlightSqlAllocators {
    private static final AtomicInteger OPEN = new AtomicInteger();
    private static final AtomicLong LEAKED_BYTES = new AtomicLong();

    private FlightSqlAllocators() {}

    /** Allocators of this JVM that are open right now. */
    public static int openAllocators() {
        return OPEN.get();
    }

    /** Bytes that allocators of this JVM still held when they were closed (0 unless there is a leak). */
    public static long leakedBytes() {
        return LEAKED_BYTES.get();
    }

    static BufferAllocator open() {
        OPEN.incrementAndGet();
        return new RootAllocator(Long.MAX_VALUE);
    }

    /** Closes {@code allocator}; throws IllegalStateException (from Arrow) if memory is still held. */
    static void close(BufferAllocator allocator) {
        LEAKED_BYTES.addAndGet(allocator.getAllocatedMemory());
        OPEN.decrementAndGet();
        allocator.close();
    }
}
