package framebudgets.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * This report against its baseline, per (executable, build, budget) of this report whose budget the
 * baseline has. The baseline is one build of the executable (see {@link #compare}), so a new build
 * is compared with the build the previous report was about. The change of the p95
 * of {@code duration_in_frame} (the metric regressions are judged on: it follows the bad frames
 * players notice, yet one outlier frame does not move it the way it moves the max), absolute and in
 * percent, with the mean's change beside it. A budget regresses when its p95 grew by more than the
 * threshold percentage and by at least the minimum change (so that a 0.01 ms budget doubling is not
 * flagged); from a baseline p95 of 0, any growth of at least the minimum change regresses.
 * Schema: {@link ReportSchemas#BUDGET_CHANGES}.
 */
public final class BudgetChanges {
    private final double thresholdPercent;
    private final long minChangeNanos;

    /**
     * @param thresholdPercent growth of p95 above which a budget regresses, in percent (at least 0)
     * @param minChangeNanos smallest absolute growth of p95 that can be a regression (at least 0)
     */
    public BudgetChanges(double thresholdPercent, long minChangeNanos) {
        if (!(thresholdPercent >= 0) || Double.isInfinite(thresholdPercent)) {
            throw new IllegalArgumentException("regression threshold: must be a percentage >= 0, got " + thresholdPercent);
        }
        if (minChangeNanos < 0) {
            throw new IllegalArgumentException("regression minimum change: must be >= 0 ns, got " + minChangeNanos);
        }
        this.thresholdPercent = thresholdPercent;
        this.minChangeNanos = minChangeNanos;
    }

    /**
     * @param current {@code exe, build, budget, mean_duration, p95_duration} (this report's aggregates by exe)
     * @param baseline the same columns plus {@code report_date}: one report and one build per executable
     *     (as {@link framebudgets.delta.BaselineReader} reads it)
     */
    public Dataset<Row> compare(Dataset<Row> current, Dataset<Row> baseline) {
        Dataset<Row> now = current.select(col("exe"), col("build"), col("budget"), col("mean_duration"), col("p95_duration"));
        Dataset<Row> before = baseline.select(col("exe").as("b_exe"), col("budget").as("b_budget"),
                col("report_date").as("baseline_report_date"), col("build").as("baseline_build"),
                col("mean_duration").as("baseline_mean_duration"), col("p95_duration").as("baseline_p95_duration"));
        Column basePercentile = col("baseline_p95_duration");
        Column change = col("p95_duration").minus(basePercentile);
        Column changePercent = when(basePercentile.gt(0), change.cast("double").multiply(100.0).divide(basePercentile));
        Column regression = change.geq(lit(Math.max(1L, minChangeNanos)))
                .and(basePercentile.equalTo(0).or(changePercent.gt(thresholdPercent)));
        return now.join(before, now.col("exe").eqNullSafe(before.col("b_exe")).and(now.col("budget").equalTo(before.col("b_budget"))))
                .select(col("exe"), col("build"), col("budget"), col("baseline_report_date"), col("baseline_build"),
                        basePercentile, col("p95_duration"),
                        change.as("change_p95_duration"), changePercent.as("change_p95_percent"),
                        col("baseline_mean_duration"), col("mean_duration"),
                        when(col("baseline_mean_duration").gt(0), col("mean_duration").minus(col("baseline_mean_duration"))
                                .multiply(100.0).divide(col("baseline_mean_duration"))).as("change_mean_percent"),
                        regression.as("regression"));
    }
}
