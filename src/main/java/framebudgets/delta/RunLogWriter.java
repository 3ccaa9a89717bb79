package framebudgets.delta;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Appends {@link RunLogEntry} rows to the run-log Delta table (partitioned by report date, never
 * rewritten). Columns added in later versions come last and are merged into an older table.
 */
public final class RunLogWriter {
    private static final org.apache.spark.sql.types.ArrayType PROCESS_LIST = DataTypes.createArrayType(new StructType()
            .add("process_id", DataTypes.StringType, false)
            .add("reason", DataTypes.StringType, false), false);

    /** The run log's schema, a public interface documented in the README. */
    public static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("report_date", DataTypes.DateType, false)
            .add("window_from", DataTypes.TimestampType, false)
            .add("window_to", DataTypes.TimestampType, false)
            .add("started_at", DataTypes.TimestampType, false)
            .add("finished_at", DataTypes.TimestampType, false)
            .add("status", DataTypes.StringType, false)
            .add("config_digest", DataTypes.StringType, false)
            .add("processes_attempted", DataTypes.IntegerType, false)
            .add("processes_ok", DataTypes.IntegerType, false)
            .add("processes_failed", DataTypes.IntegerType, false)
            .add("failures", PROCESS_LIST, false)
            .add("frames", DataTypes.LongType, false)
            .add("rows_written", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, false), false)
            .add("message", DataTypes.StringType, true)
            .add("processes_skipped", DataTypes.IntegerType, true)
            .add("skipped", PROCESS_LIST, true)
            .add("data_issues", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, false), true);

    private final SparkSession spark;

    public RunLogWriter(SparkSession spark) {
        this.spark = spark;
    }

    public void append(String location, RunLogEntry e) {
        Row row = RowFactory.create(
                e.runId(),
                Date.valueOf(e.window().reportDate()),
                Timestamp.from(e.window().from()),
                Timestamp.from(e.window().to()),
                Timestamp.from(e.startedAt()),
                Timestamp.from(e.finishedAt()),
                e.status(),
                e.configDigest(),
                e.processesAttempted(),
                e.processesOk(),
                e.failures().size(),
                rows(e.failures()),
                e.frames(),
                e.rowsWritten(),
                e.message(),
                e.skipped().size(),
                rows(e.skipped()),
                e.dataIssues());
        spark.createDataFrame(List.of(row), SCHEMA)
                .write()
                .format("delta")
                .mode(SaveMode.Append)
                .option("mergeSchema", "true")
                .partitionBy("report_date")
                .option("userMetadata", e.runId())
                .save(location);
    }

    private static List<Row> rows(List<RunLogEntry.ProcessFailure> processes) {
        List<Row> rows = new ArrayList<>();
        for (RunLogEntry.ProcessFailure p : processes) {
            rows.add(RowFactory.create(p.processId(), p.reason()));
        }
        return rows;
    }
}
