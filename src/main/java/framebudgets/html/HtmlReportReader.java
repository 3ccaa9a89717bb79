package framebudgets.html;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;

import framebudgets.config.ReportWindow;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Reads what the HTML report shows from the report tables of one window (small: rows per
 * executable and budget, the regressions, the worst frames): the very rows the run writes to
 * Delta, so the page shows what BI sees.
 */
public final class HtmlReportReader {
    /** The worst frames listed on the page, over all budgets. */
    static final int OFFENDERS_SHOWN = 25;
    /** The longest hitches listed on the page. */
    static final int HITCHES_SHOWN = 25;
    private static final Comparator<List<String>> EXE_AND_BUILD = Comparator
            .<List<String>, String>comparing(k -> k.get(0), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(k -> k.get(1), Comparator.nullsLast(Comparator.naturalOrder()));

    private final Dataset<Row> framesByExe;
    private final Dataset<Row> aggregatesByExe;
    private final Dataset<Row> budgetChanges;
    private final Dataset<Row> topOffenders;
    private final Dataset<Row> hitches;

    /** The tables with the report's columns ({@link framebudgets.report.ReportSchemas}), of one window. */
    public HtmlReportReader(Dataset<Row> framesByExe, Dataset<Row> aggregatesByExe, Dataset<Row> budgetChanges,
                            Dataset<Row> topOffenders, Dataset<Row> hitches) {
        this.hitches = hitches;
        this.framesByExe = framesByExe;
        this.aggregatesByExe = aggregatesByExe;
        this.budgetChanges = budgetChanges;
        this.topOffenders = topOffenders;
    }

    /** The page of {@code window}, as written by run {@code runId}. */
    public HtmlReportData read(ReportWindow window, String runId, String status, int processesFound, int processesReported) {
        Map<List<String>, HtmlReportData.Frames> frames = new TreeMap<>(EXE_AND_BUILD);
        for (Row r : framesByExe.collectAsList()) {
            frames.put(key(r), new HtmlReportData.Frames(r.getAs("frames"), r.getAs("total_frame_duration"),
                    r.getAs("mean_frame_duration"), r.getAs("p50_frame_duration"), r.getAs("p90_frame_duration"),
                    r.getAs("p95_frame_duration"), r.getAs("p99_frame_duration"), r.getAs("max_frame_duration"),
                    r.getAs("frame_target_duration"), r.getAs("frames_over_target"), r.getAs("hitch_threshold_duration"),
                    r.getAs("hitch_frames"), r.getAs("hitches_per_minute"), r.getAs("unbudgeted_share_of_frame_time")));
        }
        Map<List<String>, List<HtmlReportData.Budget>> budgets = new TreeMap<>(EXE_AND_BUILD);
        for (Row r : aggregatesByExe.orderBy(desc("sum_self_duration"), desc("sum_duration"), col("budget")).collectAsList()) {
            Double self = r.getAs("self_share_of_frame_time");
            Double inclusive = r.getAs("share_of_frame_time");
            budgets.computeIfAbsent(key(r), e -> new ArrayList<>()).add(new HtmlReportData.Budget(
                    r.getAs("budget"), self == null ? 0 : self, inclusive == null ? 0 : inclusive, r.getAs("share_of_frames"), r.getAs("mean_duration"),
                    r.getAs("p50_duration"), r.getAs("p90_duration"), r.getAs("p95_duration"), r.getAs("p99_duration"),
                    r.getAs("max_duration"), r.getAs("target_duration"), r.getAs("share_over_target"), r.getAs("target_status")));
        }
        List<HtmlReportData.Executable> executables = new ArrayList<>();
        frames.forEach((key, f) -> executables.add(new HtmlReportData.Executable(key.get(0), key.get(1), f,
                budgets.getOrDefault(key, List.of()))));

        List<HtmlReportData.Change> changes = new ArrayList<>();
        for (Row r : budgetChanges.orderBy(desc("regression"), desc("change_p95_percent"), col("exe"), col("build"),
                        col("budget")).collectAsList()) {
            changes.add(new HtmlReportData.Change(r.getAs("exe"), r.getAs("build"), r.getAs("budget"),
                    r.<Date>getAs("baseline_report_date").toLocalDate(), r.getAs("baseline_build"),
                    r.getAs("baseline_p95_duration"), r.getAs("p95_duration"),
                    r.getAs("change_p95_duration"), r.getAs("change_p95_percent"), r.getAs("regression")));
        }
        List<HtmlReportData.Offender> offenders = new ArrayList<>();
        for (Row r : topOffenders.orderBy(desc("duration_in_frame"), col("budget"), col("process_id"), col("frame_begin"))
                .limit(OFFENDERS_SHOWN).collectAsList()) {
            long begin = r.getAs("frame_begin");
            offenders.add(new HtmlReportData.Offender(r.getAs("budget"), r.getAs("process_id"),
                    java.time.Instant.ofEpochSecond(Math.floorDiv(begin, 1_000_000_000L), Math.floorMod(begin, 1_000_000_000L)),
                    r.<Long>getAs("frame_end") - begin, r.getAs("duration_in_frame")));
        }
        List<HtmlReportData.Hitch> hitchList = new ArrayList<>();
        for (Row r : hitches.orderBy(desc("frame_duration"), col("process_id"), col("frame_begin")).limit(HITCHES_SHOWN).collectAsList()) {
            List<String> names = new ArrayList<>();
            List<Long> excess = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                if (r.getAs("top" + i + "_budget") != null) {
                    names.add(r.getAs("top" + i + "_budget"));
                    excess.add(r.getAs("top" + i + "_excess_duration"));
                }
            }
            hitchList.add(new HtmlReportData.Hitch(r.getAs("process_id"), instant(r.getAs("frame_begin")),
                    r.getAs("frame_duration"), r.getAs("median_frame_duration"), names, excess));
        }
        return new HtmlReportData(runId, status, window.reportDate(), window.from(), window.to(), processesFound,
                processesReported, !changes.isEmpty(), executables, changes, offenders, hitchList);
    }

    private static java.time.Instant instant(long epochNanos) {
        return java.time.Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }

    /** (exe, build) of a by-exe row; the null exe, then the null build, sort last. */
    private static List<String> key(Row r) {
        return java.util.Arrays.asList(r.<String>getAs("exe"), r.<String>getAs("build"));
    }
}
