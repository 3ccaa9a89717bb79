package framebudgets.job;

import framebudgets.report.BudgetChanges;
import framebudgets.report.ReportTables;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The small tables of a report (aggregates per process and per executable, top offenders, frame
 * summaries, changes against the baseline, hitches), each computed once and kept on the driver as a local
 * DataFrame, so that the Delta writes and the HTML report use the same rows without computing them
 * again from the per-frame stats or reading back what was just written. Their size grows with
 * processes × budgets and the top-N, never with the spans.
 *
 * @param rows the rows of all seven tables together
 * @param frames the frames of every reported process (the sum of {@code framesByProcess.frames})
 */
record SummaryTables(
        Dataset<Row> aggregatesByProcess,
        Dataset<Row> aggregatesByExe,
        Dataset<Row> topOffenders,
        Dataset<Row> framesByProcess,
        Dataset<Row> framesByExe,
        Dataset<Row> budgetChanges,
        Dataset<Row> hitches,
        long rows,
        long frames) {

    /**
     * Computes the small tables of {@code tables} and this report's changes against {@code baseline}:
     * a Spark job each, side by side on {@code threads} (the changes once the aggregates per
     * executable are in), each a phase of its own.
     */
    static SummaryTables collect(ReportTables tables, BudgetChanges changes, Dataset<Row> baseline, Phase phase,
                                 DriverThreads threads) {
        CompletableFuture<Collected> aggregatesByExe = collect(phase, threads, "summarise aggregates by exe",
                tables.aggregatesByExe());
        CompletableFuture<Collected> budgetChanges = threads.then(aggregatesByExe,
                byExe -> phase.run("compare with the baseline", () -> Collected.of(changes.compare(byExe.table(), baseline)),
                        Collected::described));
        CompletableFuture<Collected> aggregatesByProcess = collect(phase, threads, "summarise aggregates by process",
                tables.aggregatesByProcess());
        CompletableFuture<Collected> topOffenders = collect(phase, threads, "summarise top offenders", tables.topOffenders());
        CompletableFuture<Collected> framesByProcess = collect(phase, threads, "summarise frames by process",
                tables.framesByProcess());
        CompletableFuture<Collected> framesByExe = collect(phase, threads, "summarise frames by exe", tables.framesByExe());
        CompletableFuture<Collected> hitches = collect(phase, threads, "summarise hitches", tables.hitches());
        List<Collected> all = List.of(DriverThreads.await(aggregatesByProcess), DriverThreads.await(aggregatesByExe),
                DriverThreads.await(topOffenders), DriverThreads.await(framesByProcess), DriverThreads.await(framesByExe),
                DriverThreads.await(budgetChanges), DriverThreads.await(hitches));
        long rows = all.stream().mapToLong(c -> c.rows().size()).sum();
        long frames = all.get(3).rows().stream().mapToLong(r -> r.getLong(r.fieldIndex("frames"))).sum();
        return new SummaryTables(all.get(0).table(), all.get(1).table(), all.get(2).table(), all.get(3).table(),
                all.get(4).table(), all.get(5).table(), all.get(6).table(), rows, frames);
    }

    private static CompletableFuture<Collected> collect(Phase phase, DriverThreads threads, String name, Dataset<Row> table) {
        return threads.submit(phase, name, () -> Collected.of(table), Collected::described);
    }

    /** A table's rows, collected once, and the same rows as a local DataFrame with its schema. */
    private record Collected(Dataset<Row> table, List<Row> rows) {
        static Collected of(Dataset<Row> table) {
            List<Row> rows = table.collectAsList();
            return new Collected(table.sparkSession().createDataFrame(rows, table.schema()), rows);
        }

        String described() {
            return rows.size() + " rows";
        }
    }
}
