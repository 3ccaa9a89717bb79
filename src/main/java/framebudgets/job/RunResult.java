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
 *     total_frame_duration} ns, ...); small, a local DataFrame of rows on the driver (null when
 *     nothing was written)
 * @param status {@code ok}; {@code partial} (some processes failed); {@code empty} (nothing to
 *     report: no process, no main thread or no frame; nothing written); {@code kept} (the window's
 *     rows include processes this run does not report: nothing written, see {@link #written()})
 * @param message why the run wrote what it wrote, for the run log and the summary; null when ok
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
        Map<String, Long> rowsWritten,
        String status,
        String message) {
    public static final String OK = "ok";
    public static final String PARTIAL = "partial";
    public static final String EMPTY = "empty";
    public static final String KEPT = "kept";

    /** Whether the run replaced the window's rows (false: every table was left as it was). */
    public boolean written() {
        return frameTotals != null;
    }
}
