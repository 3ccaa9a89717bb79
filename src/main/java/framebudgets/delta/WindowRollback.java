package framebudgets.delta;

import static org.apache.spark.sql.functions.col;

import framebudgets.config.ReportWindow;
import io.delta.tables.DeltaTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * Makes a run's tables visible together or not at all: it notes each table's Delta version before
 * the run's first commit ({@link #noteVersions}), and when a later write of the run fails, puts
 * back every table the run had already committed ({@link #putBack}). A table whose latest commit is
 * the run's own is restored to the version before it ({@code RESTORE}); when another window was
 * committed to it since, only this window's rows are put back as they were before the run's commit
 * (one {@code replaceWhere} commit), so the other window's rows stay. Each put-back is logged.
 */
public final class WindowRollback {
    private static final Logger LOG = LoggerFactory.getLogger("framebudgets.job");

    private final SparkSession spark;
    private final ReportWindow window;
    private final String runId;
    private final Map<String, Long> before = new LinkedHashMap<>();

    public WindowRollback(SparkSession spark, ReportWindow window, String runId) {
        this.spark = spark;
        this.window = window;
        this.runId = runId;
    }

    /** Notes the current version of each table at {@code locations} (-1 when there is no table yet). */
    public void noteVersions(List<String> locations) {
        for (String location : locations) {
            before.put(location, version(spark, location));
        }
    }

    /** Puts back every noted table this run committed to; returns the tables put back. */
    public List<String> putBack() {
        List<String> restored = new java.util.ArrayList<>();
        for (Map.Entry<String, Long> table : before.entrySet()) {
            try {
                if (putBack(table.getKey(), table.getValue())) {
                    restored.add(table.getKey());
                }
            } catch (RuntimeException e) {
                LOG.error("run {}: could not put back {} to version {}: {} (its rows of window [{}, {}) are this run's "
                        + "until the window is rerun)", runId, table.getKey(), table.getValue(), e.getMessage(),
                        window.from(), window.to());
            }
        }
        return restored;
    }

    private boolean putBack(String location, long versionBefore) {
        long latest = version(spark, location);
        if (latest <= versionBefore) {
            return false;
        }
        DeltaTable table = DeltaTable.forPath(spark, location);
        List<Row> commits = table.history((int) (latest - versionBefore))
                .where(col("version").gt(versionBefore)).select("version", "userMetadata").collectAsList();
        Long ours = null;
        for (Row c : commits) {
            if (runId.equals(c.getString(1)) && (ours == null || c.getLong(0) > ours)) {
                ours = c.getLong(0);
            }
        }
        if (ours == null) {
            return false;
        }
        String predicate = ReportTableWriter.windowPredicate(window);
        if (ours == latest && commits.size() == 1 && versionBefore >= 0) {
            table.restoreToVersion(versionBefore);
            LOG.warn("run {}: {} restored to version {} (RESTORE; the run's commit {} is undone)", runId, location,
                    versionBefore, ours);
            return true;
        }
        Dataset<Row> now = spark.read().format("delta").load(location).where(predicate);
        if (now.where(col(ReportTableWriter.RUN_ID).equalTo(runId)).isEmpty()) {
            return false; // another run replaced this window since: nothing of ours is visible
        }
        if (ours == 0) {
            table.delete(predicate);
            LOG.warn("run {}: {} was created by this run: its rows of the window deleted", runId, location);
            return true;
        }
        Dataset<Row> previous = spark.read().format("delta").option("versionAsOf", ours - 1).load(location).where(predicate);
        previous.write().format("delta").mode(SaveMode.Overwrite)
                .option("replaceWhere", predicate)
                .option("userMetadata", runId + " put back")
                .save(location);
        LOG.warn("run {}: {}: the window's rows put back as of version {} (other windows were committed since)", runId,
                location, ours - 1);
        return true;
    }

    /** The table's latest version, -1 when there is no Delta table at {@code location}. */
    static long version(SparkSession spark, String location) {
        return DeltaLog.forTable(spark, location).update(false, Option.empty(), Option.empty()).version();
    }
}
