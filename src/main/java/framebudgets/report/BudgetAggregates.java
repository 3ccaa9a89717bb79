package framebudgets.report;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Budget statistics over frames, per process and per executable: {@code nb_frames} (frames where the
 * budget appears, not all frames), {@code sum_counts}, and sum/min/max of {@code duration_in_frame}.
 * Schemas: {@link ReportSchemas#AGGREGATES_BY_PROCESS}, {@link ReportSchemas#AGGREGATES_BY_EXE}.
 */
public final class BudgetAggregates {
    private BudgetAggregates() {}

    public static Dataset<Row> byProcess(Dataset<Row> frameStats) {
        return frameStats.groupBy("process_id", "budget").agg(nbFrames(), sumsAndExtremes());
    }

    /**
     * Per executable, across processes. A process missing from {@code processes} is reported under a
     * null {@code exe}; a process listed twice with different exes counts under the smallest one,
     * so that no frame is ever counted twice.
     */
    public static Dataset<Row> byExe(Dataset<Row> frameStats, Dataset<Row> processes) {
        Dataset<Row> exeByProcess = processes.groupBy("process_id").agg(min("exe").as("exe"));
        return frameStats.join(broadcast(exeByProcess), frameStats.col("process_id").equalTo(exeByProcess.col("process_id")), "left")
                .groupBy(exeByProcess.col("exe"), frameStats.col("budget"))
                .agg(nbFrames(), sumsAndExtremes());
    }

    private static Column nbFrames() {
        return count(lit(1)).as("nb_frames");
    }

    private static Column[] sumsAndExtremes() {
        return new Column[] {
            sum("count_in_frame").as("sum_counts"),
            sum("duration_in_frame").as("sum_duration"),
            min("duration_in_frame").as("min_duration"),
            max("duration_in_frame").as("max_duration"),
        };
    }
}
