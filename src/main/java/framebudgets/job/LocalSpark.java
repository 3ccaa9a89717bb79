package framebudgets.job;

import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The settings of a small local Spark session (notebooks, tests): local[2] on loopback, no UI,
 * two shuffle partitions, UTC, Delta enabled, credentials redacted ({@link SecretRedaction}), a
 * warehouse folder of its own under the temp dir.
 * Sized for a laptop and a 2-core CI machine.
 */
public final class LocalSpark {
    private LocalSpark() {}

    /** A builder with those settings; {@code appName} also names the warehouse folder. */
    public static SparkSession.Builder builder(String appName) {
        return SecretRedaction.configure(SparkSession.builder(), new SparkConf())
                .appName(appName)
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
                        appName + "-warehouse-" + ProcessHandle.current().pid()).toString());
    }
}
