package framebudgets.testing;

import framebudgets.job.SparkSessions;
import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession of a test JVM: local[2], two shuffle partitions, loopback only,
 * Delta enabled. Tests share it because a session costs seconds to start.
 */
public final class SharedSpark {
    private static SparkSession session;

    private SharedSpark() {}

    public static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSessions.local("frame-budgets-tests").getOrCreate();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> session.stop()));
        }
        return session;
    }
}
