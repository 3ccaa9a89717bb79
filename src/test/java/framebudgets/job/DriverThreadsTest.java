package framebudgets.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.delta.ConcurrentRunException;
import framebudgets.testing.SharedSpark;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The run's side-by-side Spark work: a failure comes back as it was thrown (a concurrent run stays a
 * {@link ConcurrentRunException}), each piece runs as a named phase (its Spark jobs carry the
 * phase's job group), and closing waits for the work under way and drops the work not started, so
 * nothing is still writing when the run log is written.
 */
class DriverThreadsTest {
    private static final String JOB_GROUP = "spark.jobGroup.id";

    @Test
    void aFailureComesBackAsThrownWhileTheOtherWorkStillEnds() throws Exception {
        Phase phase = new Phase(SharedSpark.get().sparkContext(), "run-1");
        ConcurrentRunException conflict = new ConcurrentRunException("another run wrote the window", null);
        CountDownLatch slowStarted = new CountDownLatch(1);
        AtomicBoolean slowEnded = new AtomicBoolean();
        CompletableFuture<Long> failing;
        try (DriverThreads threads = new DriverThreads(2)) {
            threads.submit(phase, "slow", () -> {
                slowStarted.countDown();
                sleep(300);
                slowEnded.set(true);
                return 1L;
            }, n -> n + " rows");
            assertTrue(slowStarted.await(30, TimeUnit.SECONDS));
            failing = threads.submit(phase, "failing", () -> {
                throw conflict;
            }, n -> n + " rows");
            assertSame(conflict, assertThrows(ConcurrentRunException.class, () -> DriverThreads.await(failing)));
        }
        assertTrue(slowEnded.get(), "closing waited for the work under way");
    }

    @Test
    void closingDropsWorkNotStartedAndEachPieceRunsInItsPhase() throws Exception {
        Phase phase = new Phase(SharedSpark.get().sparkContext(), "run-2");
        AtomicBoolean queuedRan = new AtomicBoolean();
        CompletableFuture<String> group;
        try (DriverThreads threads = new DriverThreads(1)) {
            group = threads.submit(phase, "first", () -> {
                sleep(2000);
                return SharedSpark.get().sparkContext().getLocalProperty(JOB_GROUP);
            }, g -> g);
            threads.submit(phase, "queued", () -> {
                queuedRan.set(true);
                return 0L;
            }, n -> n + " rows");
        }
        assertTrue(group.isDone(), "closing waited for the work under way");
        assertEquals("frame-budgets run-2", group.get());
        assertFalse(queuedRan.get(), "work not started when the run stopped waiting is dropped");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
