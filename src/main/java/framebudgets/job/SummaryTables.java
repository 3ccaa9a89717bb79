package framebudgets.job;

import framebudgets.report.BudgetChanges;
import framebudgets.report.ReportTables;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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

    /**
     * Computes the small tables of {@code tables} and this report's changes against {@code baseline}:
     * a Spark job each, side by side on {@code threads} (the changes once the aggregates per
     * executable are in), each a phase of its own.
     */
    static SummaryTables collect(ReportTables tables, BudgetChanges changes, Dataset<Row> baseline, Phase phase,
                                 DriverThreads threads) {
        CompletableFuture<Dataset<Row>> aggregatesByExe = collect(phase, threads, "summarise aggregates by exe",
                tables.aggregatesByExe());
        CompletableFuture<Dataset<Row>> budgetChanges = threads.then(aggregatesByExe,
                byExe -> phase.run("compare with the baseline", () -> local(changes.compare(byExe, baseline)), SummaryTables::described));
        CompletableFuture<Dataset<Row>> aggregatesByProcess = collect(phase, threads, "summarise aggregates by process",
                tables.aggregatesByProcess());
        CompletableFuture<Dataset<Row>> topOffenders = collect(phase, threads, "summarise top offenders", tables.topOffenders());
        CompletableFuture<Dataset<Row>> framesByProcess = collect(phase, threads, "summarise frames by process",
                tables.framesByProcess());
        CompletableFuture<Dataset<Row>> framesByExe = collect(phase, threads, "summarise frames by exe", tables.framesByExe());
        List<Dataset<Row>> all = List.of(DriverThreads.await(aggregatesByProcess), DriverThreads.await(aggregatesByExe),
                DriverThreads.await(topOffenders), DriverThreads.await(framesByProcess), DriverThreads.await(framesByExe),
                DriverThreads.await(budgetChanges));
        long rows = all.stream().mapToLong(SummaryTables::count).sum();
        List<Row> frameRows = all.get(3).collectAsList();
        long frames = frameRows.stream().mapToLong(r -> r.getLong(r.fieldIndex("frames"))).sum();
        return new SummaryTables(all.get(0), all.get(1), all.get(2), all.get(3), all.get(4), all.get(5), rows, frames);
    }

    private static CompletableFuture<Dataset<Row>> collect(Phase phase, DriverThreads threads, String name, Dataset<Row> table) {
        return threads.submit(phase, name, () -> local(table), SummaryTables::described);
    }

    /** {@code table}'s rows, collected, as a local DataFrame with its schema. */
    private static Dataset<Row> local(Dataset<Row> table) {
        return table.sparkSession().createDataFrame(table.collectAsList(), table.schema());
    }

    /** Rows of a local DataFrame (no Spark job: its rows are on the driver). */
    private static long count(Dataset<Row> local) {
        return local.collectAsList().size();
    }

    private static String described(Dataset<Row> local) {
        return count(local) + " rows";
    }
}
