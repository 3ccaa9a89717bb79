package framebudgets.notebook;

import java.nio.file.Path;
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
        return SparkSession.builder()
                .appName("frame-budgets-notebook")
                .master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.default.parallelism", "2")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.databricks.delta.snapshotPartitions", "2")
                .config("spark.sql.warehouse.dir", Path.of(System.getProperty("java.io.tmpdir"),
                        "frame-budgets-notebook-warehouse-" + ProcessHandle.current().pid()).toString())
                .getOrCreate();
    }
}
