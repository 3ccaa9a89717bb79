package framebudgets.job;

import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names each phase of a run in the Spark UI (job group and description) and in the log, with its
 * duration, so a person can follow a nightly run and find the slow stage.
 */
public final class Phase {
    private static final Logger LOG = LoggerFactory.getLogger("framebudgets.job");

    private static volatile String current = "start";

    private final SparkContext spark;
    private final String runId;

    Phase(SparkContext spark, String runId) {
        this.spark = spark;
        this.runId = runId;
    }

    /** The phase started last in this JVM (for the last words of a run that is interrupted). */
    public static String current() {
        return current;
    }

    /** Runs {@code work} as phase {@code name}; {@code outcome} turns its result into the log line's counts. */
    <T> T run(String name, Supplier<T> work, java.util.function.Function<T, String> outcome) {
        spark.setJobGroup("frame-budgets " + runId, "frame-budgets: " + name, false);
        current = name;
        LOG.info("{}: started", name);
        long start = System.nanoTime();
        try {
            T result = work.get();
            LOG.info("{}: {} in {} ms", name, outcome.apply(result), (System.nanoTime() - start) / 1_000_000);
            return result;
        } finally {
            spark.clearJobGroup();
        }
    }
}
