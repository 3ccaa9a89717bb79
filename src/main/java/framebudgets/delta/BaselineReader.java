package framebudgets.delta;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.dense_rank;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Finds the baseline a report is compared with in the aggregates-by-exe Delta table: for each
 * executable, its latest report filed before this report's date, or its report of a configured
 * baseline date (the latest window of that date when there are several); in that report, the build
 * with the most frames (the build the report was about; on a tie the greatest build name, a null
 * build last). Rows written before the table had percentiles are not a baseline; rows written
 * before it had builds count as a null build. No table (the first run) means no baseline.
 */
public final class BaselineReader {
    /** The columns of a baseline, as {@link framebudgets.report.BudgetChanges#compare} takes them. */
    public static final StructType SCHEMA = new StructType()
            .add("exe", DataTypes.StringType)
            .add("build", DataTypes.StringType)
            .add("budget", DataTypes.StringType)
            .add("report_date", DataTypes.DateType)
            .add("mean_duration", DataTypes.DoubleType)
            .add("p95_duration", DataTypes.LongType);

    private final SparkSession spark;

    public BaselineReader(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * @param location the aggregates-by-exe table
     * @param reportDate the date of the report being compared
     * @param baselineDate empty = each executable's latest report before {@code reportDate}
     */
    public Dataset<Row> read(String location, LocalDate reportDate, Optional<LocalDate> baselineDate) {
        if (!DeltaTable.isDeltaTable(spark, location)) {
            return empty();
        }
        Dataset<Row> stored = spark.read().format("delta").load(location);
        if (!List.of(stored.columns()).contains("p95_duration")) {
            return empty();
        }
        Dataset<Row> table = List.of(stored.columns()).contains("build") ? stored
                : stored.withColumn("build", lit(null).cast(DataTypes.StringType));
        Dataset<Row> candidates = baselineDate
                .map(d -> table.where(col(ReportTableWriter.REPORT_DATE).equalTo(lit(Date.valueOf(d)))))
                .orElseGet(() -> table.where(col(ReportTableWriter.REPORT_DATE).lt(lit(Date.valueOf(reportDate)))))
                .where(col("p95_duration").isNotNull());
        return candidates
                .withColumn("latest", dense_rank().over(Window.partitionBy("exe").orderBy(
                        col(ReportTableWriter.REPORT_DATE).desc(), col(ReportTableWriter.WINDOW_TO).desc(),
                        col(ReportTableWriter.WINDOW_FROM).desc(), col("total_frames").desc(), col("build").desc_nulls_last())))
                .where(col("latest").equalTo(1))
                .select("exe", "build", "budget", "report_date", "mean_duration", "p95_duration");
    }

    private Dataset<Row> empty() {
        return spark.createDataFrame(List.of(), SCHEMA);
    }
}
