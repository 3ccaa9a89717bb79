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
 * @param failures processes whose telemetry could not be read, left out of every table
 * @param skipped processes with nothing to report (no main thread in the window)
 * @param frameTotals per process: the frames_by_process table ({@code process_id, frames,
 *     total_frame_duration} ns, ...); small, a local DataFrame of rows on the driver
 */
public record RunResult(
        String runId,
        ReportWindow window,
        int processesAttempted,
        int processesReported,
        List<RunLogEntry.ProcessFailure> failures,
        List<RunLogEntry.ProcessFailure> skipped,
        long frames,
        Dataset<Row> frameTotals,
        Map<String, Long> rowsWritten) {

    /** ok, or partial when some processes failed (skipped processes had nothing to report: not a failure). */
    public String status() {
        return failures.isEmpty() ? "ok" : "partial";
    }
}
