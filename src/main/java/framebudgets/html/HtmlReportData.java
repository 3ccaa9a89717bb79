package framebudgets.html;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything the HTML report shows, as plain values (durations in nanoseconds, shares as fractions),
 * so the page can be rendered and tested without Spark. {@link HtmlReportReader} fills it from the
 * rows a run writes to the Delta tables.
 */
public record HtmlReportData(
        String runId,
        String status,
        LocalDate reportDate,
        Instant windowFrom,
        Instant windowTo,
        int processesFound,
        int processesReported,
        boolean hasBaseline,
        List<Executable> executables,
        List<Change> changes,
        List<Offender> offenders,
        List<Hitch> hitches) {

    /**
     * One build of an executable: its frame-time summary and its budgets, largest share of frame time
     * first; {@code build} is null for processes without the build property.
     */
    public record Executable(String exe, String build, Frames frames, List<Budget> budgets) {}

    /** Frame-time statistics of a build of an executable (all frames of all its processes). */
    public record Frames(long frames, long totalDuration, double meanDuration, long p50, long p90, long p95, long p99,
                         long max, long target, long overTarget, long hitchThreshold, long hitches,
                         Double hitchesPerMinute, Double unbudgetedShare) {

        /** Whether the budgets' self times are CPU time across threads (no unbudgeted share then). */
        public boolean acrossThreads() {
            return unbudgetedShare == null;
        }
    }

    /**
     * One budget of an executable; {@code target} and {@code status} are null without a target;
     * {@code selfShareOfFrameTime} is its self time (see the README), {@code shareOfFrameTime} its
     * inclusive time, each as a share of frame time.
     */
    public record Budget(String budget, double selfShareOfFrameTime, double shareOfFrameTime, double shareOfFrames, double mean,
                         long p50, long p90, long p95, long p99, long max, Long target, Double shareOverTarget, String status) {}

    /** A budget's change against the baseline (the build with the most frames of the executable's baseline report). */
    public record Change(String exe, String build, String budget, LocalDate baselineDate, String baselineBuild,
                         long baselineP95, long p95,
                         long changeNanos, Double changePercent, boolean regression) {}

    /** A hitch frame and the budgets (at most three) that grew the most in it, with their excess over their median in ns. */
    public record Hitch(String processId, Instant frameBegin, long frameDuration, long medianFrameDuration,
                        List<String> budgets, List<Long> excess) {}

    /** One of the worst frames of a budget. */
    public record Offender(String budget, String processId, Instant frameBegin, long frameDuration, long durationInFrame) {}
}
