package framebudgets.report;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The tables of a frame-budget report, as lazy DataFrames (nothing has run yet). The budget tables
 * derive from {@code frameStats}; persist it, or write it first, before writing the others to avoid
 * recomputing the range join. {@code framesByProcess} and {@code framesByExe} derive from the frames
 * alone and are the denominators of the aggregates' shares (persist the frames input, or these, to
 * read the frames once). {@code hitches} says what made each hitch frame ({@link Hitches}). Schemas
 * are in {@link ReportSchemas}.
 */
public record ReportTables(
        Dataset<Row> frameStats,
        Dataset<Row> aggregatesByProcess,
        Dataset<Row> aggregatesByExe,
        Dataset<Row> topOffenders,
        Dataset<Row> framesByProcess,
        Dataset<Row> framesByExe,
        Dataset<Row> hitches) {}
