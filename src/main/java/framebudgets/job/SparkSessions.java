package framebudgets.job;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one place SparkSessions are built, with credentials redacted ({@link SecretRedaction}),
 * Delta enabled and UTC in both kinds:
 * <ul>
 * <li>{@link #job}: the job's (and the benchmarks'), what spark-submit configured, with local[2]
 *     when no master was given and shuffles sized to the cores ({@link #sizeShuffles});
 * <li>{@link #local}: a small local one (tests, notebooks): local[2] on loopback, no UI, two
 *     shuffle partitions, a warehouse folder of its own under the temp dir. Sized for a laptop and
 *     a 2-core CI machine.
 * </ul>
 */
public final class SparkSessions {
    private static final String DELTA_SNAPSHOT_PARTITIONS = "spark.databricks.delta.snapshotPartitions";

    private SparkSessions() {}

    /** The job's session: what spark-submit configured, with the defaults above where it did not. */
    public static SparkSession job(String appName) {
        return job(appName, builder -> { });
    }

    /** The job's session with {@code more} settings applied on top (the benchmarks: no UI, loopback). */
    public static SparkSession job(String appName, Consumer<SparkSession.Builder> more) {
        SparkConf conf = new SparkConf();
        SparkSession.Builder builder = SecretRedaction.configure(SparkSession.builder().appName(appName), conf);
        if (!conf.contains("spark.master")) {
            builder.master("local[2]");
        }
        if (!conf.contains("spark.sql.extensions")) {
            builder.config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
        }
        if (!conf.contains("spark.sql.catalog.spark_catalog")) {
            builder.config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        }
        if (!conf.contains("spark.sql.session.timeZone")) {
            builder.config("spark.sql.session.timeZone", "UTC");
        }
        more.accept(builder);
        SparkSession spark = builder.getOrCreate();
        sizeShuffles(spark);
        return spark;
    }

    /** A builder of the small local session; {@code appName} also names the warehouse folder. */
    public static SparkSession.Builder local(String appName) {
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
                .config(DELTA_SNAPSHOT_PARTITIONS, "2")
                .config("spark.sql.warehouse.dir", Path.of(System.getProperty("java.io.tmpdir"),
                        appName + "-warehouse-" + ProcessHandle.current().pid()).toString());
    }

    /**
     * Unless {@code spark.sql.shuffle.partitions} was configured, sets it to twice the cores
     * Spark runs tasks on: the report's shuffles are spans keyed by time bin and then small
     * per-frame results, and Spark's default of 200 partitions makes every stage of a small
     * job 200 tasks (on local[2] that alone tripled the report's time); the Delta writes then
     * get a handful of files per report date. The same for Delta's log replay
     * ({@code spark.databricks.delta.snapshotPartitions}, default 50 tasks for every snapshot
     * of a table the run reads or replaces rows of, however small its log).
     */
    public static void sizeShuffles(SparkSession spark) {
        String partitions = Integer.toString(Math.max(2, 2 * spark.sparkContext().defaultParallelism()));
        for (String key : new String[] {"spark.sql.shuffle.partitions", DELTA_SNAPSHOT_PARTITIONS}) {
            if (!spark.sparkContext().getConf().contains(key)) {
                spark.conf().set(key, partitions);
            }
        }
    }
}
