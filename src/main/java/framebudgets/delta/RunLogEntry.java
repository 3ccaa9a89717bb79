package framebudgets.delta;

import framebudgets.config.ReportWindow;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One row of the run log: what a run was asked to do, what it did, and how it ended, so a bad
 * night is visible in the same place as the report itself.
 *
 * @param status {@code ok}, {@code partial} (some processes failed, the others were written) or {@code failed}
 */
public record RunLogEntry(
        String runId,
        ReportWindow window,
        Instant startedAt,
        Instant finishedAt,
        String status,
        String configDigest,
        int processesAttempted,
        int processesOk,
        List<ProcessFailure> failures,
        long frames,
        Map<String, Long> rowsWritten,
        String message) {

    /** A process whose telemetry could not be read, and why. */
    public record ProcessFailure(String processId, String reason) {}
}
