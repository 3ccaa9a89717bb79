package framebudgets.report;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Completes the frame summaries with the self time of all budgets together
 * ({@code budgeted_self_duration}) and, on the main thread, the frame time no budget owns
 * ({@code unbudgeted_duration}, {@code unbudgeted_share_of_frame_time}): with the budgets'
 * {@code self_share_of_frame_time} it adds up to exactly all frame time. Across threads the budgeted
 * self time is CPU time summed over threads, which may exceed frame time, so there is no
 * unbudgeted part (null).
 */
final class UnbudgetedTime {
    private UnbudgetedTime() {}

    /** {@link FrameSummary#byProcess} with the three columns appended. */
    static Dataset<Row> byProcess(Dataset<Row> framesByProcess, Dataset<Row> frameStats, ThreadMode mode) {
        Dataset<Row> budgeted = frameStats.groupBy(col("process_id").as("s_process_id"))
                .agg(sum(FrameStats.SELF_DURATION_IN_FRAME).as("s_self"));
        return appended(framesByProcess.join(broadcast(budgeted),
                framesByProcess.col("process_id").equalTo(budgeted.col("s_process_id")), "left"), framesByProcess, mode);
    }

    /** {@link FrameSummary#byExe} with the three columns appended; processes map to (exe, build) as there. */
    static Dataset<Row> byExe(Dataset<Row> framesByExe, Dataset<Row> frameStats, Dataset<Row> exeAndBuildByProcess,
                              ThreadMode mode) {
        Dataset<Row> budgeted = frameStats.join(broadcast(exeAndBuildByProcess),
                        frameStats.col("process_id").equalTo(exeAndBuildByProcess.col("process_id")), "left")
                .groupBy(exeAndBuildByProcess.col("exe").as("s_exe"), exeAndBuildByProcess.col("build").as("s_build"))
                .agg(sum(FrameStats.SELF_DURATION_IN_FRAME).as("s_self"));
        Column sameGroup = framesByExe.col("exe").eqNullSafe(budgeted.col("s_exe"))
                .and(framesByExe.col("build").eqNullSafe(budgeted.col("s_build")));
        return appended(framesByExe.join(broadcast(budgeted), sameGroup, "left"), framesByExe, mode);
    }

    private static Dataset<Row> appended(Dataset<Row> joined, Dataset<Row> summary, ThreadMode mode) {
        List<Column> columns = new ArrayList<>();
        for (String name : summary.columns()) {
            columns.add(summary.col(name));
        }
        Column self = coalesce(col("s_self"), lit(0L));
        Column total = summary.col("total_frame_duration");
        Column unbudgeted = mode == ThreadMode.MAIN_THREAD ? total.minus(self) : lit(null).cast(DataTypes.LongType);
        columns.add(self.as("budgeted_self_duration"));
        columns.add(unbudgeted.as("unbudgeted_duration"));
        columns.add(when(total.gt(0), unbudgeted.cast("double").divide(total)).as("unbudgeted_share_of_frame_time"));
        return joined.select(columns.toArray(new Column[0]));
    }
}
