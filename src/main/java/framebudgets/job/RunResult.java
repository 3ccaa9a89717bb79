package framebudgets.job;

import framebudgets.config.ReportWindow;
import framebudgets.delta.RunLogEntry;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a run did, for the summary and the exit status.
 *
 * @param frameTotals per process: the frames_by_process table ({@code process_id, frames,
 *     total_frame_duration} ns, ...); small, cached
 */
public record RunResult(
        String runId,
        ReportWindow window,
        int processesAttempted,
        int processesReported,
        List<RunLogEntry.ProcessFailure> skipped,
        long frames,
        Dataset<Row> frameTotals,
        Map<String, Long> rowsWritten) {

    /** ok, or partial when some processes could not be reported. */
    public String status() {
        return skipped.isEmpty() ? "ok" : "partial";
    }
}
