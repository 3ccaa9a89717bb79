package framebudgets.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.sum;

import framebudgets.config.OutputSettings;
import framebudgets.delta.ReportTableWriter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The short report a person reads at the end of a run: processes and frames, budgets ranked by
 * their self time (inclusive time second), what made the longest hitches, regressions against the
 * baseline, the worst offending frames, and where
 * the tables and the HTML report are. It reads back
 * the Delta tables the run wrote (small), so what it prints is what BI will see.
 */
public final class RunReport {
    private RunReport() {}

    public static void print(PrintStream out, SparkSession spark, RunResult result, OutputSettings output) {
        String window = ReportTableWriter.windowPredicate(result.window());
        out.println();
        out.printf(Locale.ROOT, "frame-budgets run %s: %s, window [%s, %s)%n", result.runId(), result.status(),
                result.window().from(), result.window().to());
        out.printf(Locale.ROOT, "  processes: %d found, %d reported, %d skipped, %d failed%n",
                result.processesAttempted(), result.processesReported(), result.skipped().size(), result.failures().size());
        for (var s : result.skipped()) {
            out.printf(Locale.ROOT, "    skipped %s: %s%n", s.processId(), s.reason());
        }
        for (var f : result.failures()) {
            out.printf(Locale.ROOT, "    FAILED %s: %s%n", f.processId(), f.reason());
        }
        if (!result.written()) {
            out.printf(Locale.ROOT, "  %s%n", result.message());
            out.printf(Locale.ROOT, "  run log: %s (+1 row, status %s)%n", absolute(output.location(output.runLog())), result.status());
            return;
        }
        if (result.message() != null) {
            out.printf(Locale.ROOT, "  %s%n", result.message());
        }
        long frameTime = result.frames() == 0 ? 0 : result.frameTotals().agg(sum("total_frame_duration")).head().getLong(0);
        out.printf(Locale.ROOT, "  frames: %d (%.1f s of frame time, mean %.2f ms)%n", result.frames(),
                frameTime / 1e9, result.frames() == 0 ? 0.0 : frameTime / 1e6 / result.frames());
        if (result.frames() == 0) {
            out.println("  no frames in the window: nothing to report");
        } else {
            List<Row> budgets = spark.read().format("delta").load(output.location(output.aggregatesByExe()))
                    .where(window)
                    .groupBy("budget")
                    .agg(sum("sum_self_duration").as("self"), sum("sum_duration").as("time"), sum("nb_frames").as("frames"),
                            sum("sum_counts").as("spans"))
                    .orderBy(desc("self"), desc("time"), col("budget"))
                    .collectAsList();
            Row unbudgeted = result.frameTotals().agg(sum("unbudgeted_duration")).head();
            boolean acrossThreads = unbudgeted.isNullAt(0);
            out.println(acrossThreads ? "  budgets by self time (CPU time across threads, as a share of frame time):"
                    : "  budgets by self time on the main thread (self shares and unbudgeted add up to 100%):");
            out.printf(Locale.ROOT, "    %-24s %8s %10s %10s %12s %10s%n", "budget", "self", "inclusive", "ms/frame", "in frames", "spans");
            for (Row b : budgets.subList(0, Math.min(12, budgets.size()))) {
                long self = b.getLong(1);
                long time = b.getLong(2);
                out.printf(Locale.ROOT, "    %-24s %7.1f%% %9.1f%% %10.3f %12d %10d%n", b.getString(0), 100.0 * self / frameTime,
                        100.0 * time / frameTime, self / 1e6 / result.frames(), b.getLong(3), b.getLong(4));
            }
            if (!acrossThreads) {
                out.printf(Locale.ROOT, "    %-24s %7.1f%% %10s %10.3f%n", "(unbudgeted)", 100.0 * unbudgeted.getLong(0) / frameTime, "",
                        unbudgeted.getLong(0) / 1e6 / result.frames());
            }
            HitchSummary.print(out, spark, output, window);
            List<Row> worst = spark.read().format("delta").load(output.location(output.topOffenders()))
                    .where(window)
                    .orderBy(desc("duration_in_frame"), col("budget"), col("process_id"), col("frame_begin"))
                    .limit(5)
                    .collectAsList();
            List<Row> regressions = spark.read().format("delta").load(output.location(output.budgetChanges()))
                    .where(window + " AND regression")
                    .orderBy(desc("change_p95_percent"), col("exe"), col("budget"))
                    .collectAsList();
            out.printf(Locale.ROOT, "  regressions against the baseline (p95 of time in frame): %d%n", regressions.size());
            for (Row r : regressions.subList(0, Math.min(10, regressions.size()))) {
                Double percent = r.getAs("change_p95_percent");
                out.printf(Locale.ROOT, "    %-24s %s build %s: p95 %.3f -> %.3f ms (%s) since %s (build %s)%n", r.<String>getAs("budget"),
                        r.<String>getAs("exe"), r.<String>getAs("build"), r.<Long>getAs("baseline_p95_duration") / 1e6,
                        r.<Long>getAs("p95_duration") / 1e6,
                        percent == null ? "from 0" : String.format(Locale.ROOT, "%+.1f%%", percent), r.getAs("baseline_report_date"),
                        r.<String>getAs("baseline_build"));
            }
            out.println("  worst offenders:");
            for (Row w : worst) {
                out.printf(Locale.ROOT, "    %-24s %9.3f ms in frame at %s (%.3f ms long) of process %s%n",
                        w.<String>getAs("budget"), w.<Long>getAs("duration_in_frame") / 1e6,
                        w.getAs("frame_begin_time"),
                        (w.<Long>getAs("frame_end") - w.<Long>getAs("frame_begin")) / 1e6,
                        w.<String>getAs("process_id"));
            }
        }
        out.println("  tables (Delta):");
        result.rowsWritten().forEach((table, rows) -> out.printf(Locale.ROOT, "    %-22s %6d rows  %s%n", table, rows,
                absolute(output.location(table))));
        out.printf(Locale.ROOT, "    %-22s %6s       %s%n", output.runLog(), "+1", absolute(output.location(output.runLog())));
        if (output.writeHtmlReport()) {
            out.printf(Locale.ROOT, "  HTML report: %s%n", absolute(output.htmlReportLocation(result.window().reportDate())));
        }
    }

    private static String absolute(String location) {
        return location.contains("://") ? location : Path.of(location).toAbsolutePath().normalize().toString();
    }
}
