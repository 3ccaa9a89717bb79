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
 * @param failures processes that could not be read and are left out of the report, with the reason
 * @param skipped processes with nothing to report (e.g. no main thread): not a failure
 * @param dataIssues malformed or notable telemetry the run saw, by kind (only non-zero counts); null
 *     when the run failed before counting
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
        List<ProcessFailure> skipped,
        long frames,
        Map<String, Long> rowsWritten,
        String message,
        Map<String, Long> dataIssues) {

    /** A process left out of the report, and why. */
    public record ProcessFailure(String processId, String reason) {}
}
