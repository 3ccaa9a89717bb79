package framebudgets.job;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A few driver threads for the run's independent Spark jobs (the small tables' collects, the Delta
 * writes of different tables). Each of those jobs is mostly driver-side latency (planning, Delta's
 * log listing and commit, scheduling a handful of tasks), so run side by side they overlap instead of
 * adding up; Spark shares the executors' cores between their tasks. Closing it waits for every
 * piece of work already started and drops what has not started yet, so nothing a run launched is
 * still writing when the run writes its run log or reports a failure.
 */
final class DriverThreads implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("framebudgets.job");

    private final ThreadPoolExecutor pool;

    DriverThreads(int threads) {
        AtomicInteger created = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), work -> {
            Thread thread = new Thread(work, "frame-budgets-driver-" + created.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code work} as phase {@code name} (see {@link Phase#run}) on one of the threads. */
    <T> CompletableFuture<T> submit(Phase phase, String name, Supplier<T> work, Function<T, String> outcome) {
        return CompletableFuture.supplyAsync(() -> phase.run(name, work, outcome), pool);
    }

    /** Runs {@code next} on one of the threads once {@code first} has its result. */
    <T, R> CompletableFuture<R> then(CompletableFuture<T> first, Function<T, R> next) {
        return first.thenApplyAsync(next, pool);
    }

    /** The result of {@code work}, or its failure as it was thrown (not wrapped). */
    static <T> T await(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Drops the work not started yet and waits for the work under way. */
    @Override
    public void close() {
        pool.getQueue().clear();
        pool.shutdown();
        try {
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.info("waiting for {} Spark jobs of the run to end", pool.getActiveCount());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
