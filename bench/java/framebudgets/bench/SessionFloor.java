package framebudgets.bench;

import framebudgets.job.SparkSessions;
import java.lang.management.ManagementFactory;

/**
 * The floor of the fixed benchmark: what a run of the job costs before it does anything, started
 * exactly as the job is (submit.sh's launcher, same flags): the JVM, Spark's launcher, and the
 * SparkSession built as {@code FrameBudgetJob} builds it (Delta extensions and catalog, UTC,
 * redaction, shuffles sized to the cores), then exit through {@code System.exit} as the job does
 * (Spark's shutdown hook stops the context). Prints where the time went, one line.
 */
public final class SessionFloor {
    private SessionFloor() {}

    public static void main(String[] args) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long main = System.currentTimeMillis();
        SparkSessions.job("frame-budgets");
        long ready = System.currentTimeMillis();
        System.out.printf("floor: JVM start to main %d ms, SparkSession %d ms, %d classes loaded%n", main - jvmStart,
                ready - main, ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
        System.exit(0);
    }
}
