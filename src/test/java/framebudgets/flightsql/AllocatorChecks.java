package framebudgets.flightsql;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The check every source test ends with: every task allocator closed, no byte leaked. When a job
 * fails, Spark reports the failure while the job's other tasks are still being killed, so their
 * readers may close a moment later: the check waits (boundedly) for them before asserting.
 */
public final class AllocatorChecks {
    private static final long WAIT_MILLIS = 10_000;

    private AllocatorChecks() {}

    public static void assertAllClosedAtZero() {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (FlightSqlAllocators.openAllocators() != 0 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertEquals(0, FlightSqlAllocators.openAllocators(), "task allocators still open");
        assertEquals(0, FlightSqlAllocators.leakedBytes(), "Arrow bytes leaked");
    }
}
