package framebudgets.job;

import framebudgets.report.BudgetChanges;
import framebudgets.report.ReportTables;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The small tables of a report (aggregates per process and per executable, top offenders, frame
 * summaries, changes against the baseline), each computed once and kept on the driver as a local
 * DataFrame, so that the Delta writes and the HTML report use the same rows without computing them
 * again from the per-frame stats or reading back what was just written. Their size grows with
 * processes × budgets and the top-N, never with the spans.
 *
 * @param rows the rows of all six tables together
 * @param frames the frames of every reported process (the sum of {@code framesByProcess.frames})
 */
record SummaryTables(
        Dataset<Row> aggregatesByProcess,
        Dataset<Row> aggregatesByExe,
        Dataset<Row> topOffenders,
        Dataset<Row> framesByProcess,
        Dataset<Row> framesByExe,
        Dataset<Row> budgetChanges,
        long rows,
        long frames) {

    /** Computes the small tables of {@code tables} (a Spark job each) and this report's changes against {@code baseline}. */
    static SummaryTables collect(ReportTables tables, BudgetChanges changes, Dataset<Row> baseline) {
        List<Row> aggregatesByProcess = tables.aggregatesByProcess().collectAsList();
        List<Row> aggregatesByExe = tables.aggregatesByExe().collectAsList();
        List<Row> topOffenders = tables.topOffenders().collectAsList();
        List<Row> framesByProcess = tables.framesByProcess().collectAsList();
        List<Row> framesByExe = tables.framesByExe().collectAsList();
        Dataset<Row> localAggregatesByExe = local(tables.aggregatesByExe(), aggregatesByExe);
        Dataset<Row> comparison = changes.compare(localAggregatesByExe, baseline);
        List<Row> budgetChanges = comparison.collectAsList();
        long rows = (long) aggregatesByProcess.size() + aggregatesByExe.size() + topOffenders.size() + framesByProcess.size()
                + framesByExe.size() + budgetChanges.size();
        long frames = framesByProcess.stream().mapToLong(r -> r.getLong(r.fieldIndex("frames"))).sum();
        return new SummaryTables(local(tables.aggregatesByProcess(), aggregatesByProcess), localAggregatesByExe,
                local(tables.topOffenders(), topOffenders), local(tables.framesByProcess(), framesByProcess),
                local(tables.framesByExe(), framesByExe), local(comparison, budgetChanges), rows, frames);
    }

    /** {@code rows}, collected from {@code table}, as a local DataFrame with its schema. */
    private static Dataset<Row> local(Dataset<Row> table, List<Row> rows) {
        return table.sparkSession().createDataFrame(rows, table.schema());
    }
}
