package framebudgets.notebook;

import framebudgets.job.SparkSessions;
import org.apache.spark.sql.SparkSession;

/**
 * The SparkSession of a notebook: local[2] on loopback, no UI, two shuffle partitions, Delta
 * enabled, UTC. The same settings as the job's local demo, sized for a laptop and a 2-core CI box.
 */
public final class NotebookSpark {
    private NotebookSpark() {}

    /**
     * The notebook's session (created on the first call, the same one afterwards). Also lowers
     * java.util.logging's root level to INFO: the rapaio kernel sets it to FINEST, Spark bridges
     * java.util.logging into SLF4J, and Janino's FINER trace calls then break Spark's code generation.
     */
    public static SparkSession session() {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
        return SparkSessions.local("frame-budgets-notebook").getOrCreate();
    }
}
