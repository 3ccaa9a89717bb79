package framebudgets.report;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The four tables of a frame-budget report, as lazy DataFrames (nothing has run yet). All derive from
 * {@code frameStats}; persist it, or write it first, before writing the others to avoid recomputing
 * the range join. Schemas are in {@link ReportSchemas}.
 */
public record ReportTables(
        Dataset<Row> frameStats,
        Dataset<Row> aggregatesByProcess,
        Dataset<Row> aggregatesByExe,
        Dataset<Row> topOffenders) {}
