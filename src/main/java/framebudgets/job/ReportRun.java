package framebudgets.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import framebudgets.config.GroupBy;
import framebudgets.config.OutputSettings;
import framebudgets.config.Printable;
import framebudgets.config.ReportSettings;
import framebudgets.config.ReportWindow;
import framebudgets.delta.BaselineReader;
import framebudgets.delta.CatalogTables;
import framebudgets.delta.ReportTableWriter;
import framebudgets.delta.RunLogEntry;
import framebudgets.delta.RunLogWriter;
import framebudgets.delta.WindowClaim;
import framebudgets.delta.WindowRollback;
import framebudgets.flightsql.FlightSqlFailure;
import framebudgets.flightsql.FlightSqlFailureLog;
import framebudgets.micromegas.NotMaterialized;
import framebudgets.micromegas.ProcessRow;
import framebudgets.micromegas.TelemetryReader;
import framebudgets.micromegas.ThreadStream;
import framebudgets.html.HtmlReportData;
import framebudgets.html.HtmlReportFile;
import framebudgets.html.HtmlReportPage;
import framebudgets.html.HtmlReportReader;
import framebudgets.report.BudgetChanges;
import framebudgets.report.BudgetMap;
import framebudgets.report.DataIssues;
import framebudgets.report.DuplicateSpans;
import framebudgets.report.FrameBudgetReport;
import framebudgets.report.ReportOptions;
import framebudgets.report.ReportTables;
import framebudgets.report.ThreadMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the frame-budget report: discover processes and threads, read frames and spans,
 * compute the report, compare it with its baseline, write the Delta tables, the HTML report and the
 * run log. Each phase is named in the Spark UI and logged with counts and timings. A stream whose
 * read fails for good does not fail the run: its process is left out of every table and listed in
 * the run log's failures (status partial).
 */
public final class ReportRun {
    private static final Logger LOG = LoggerFactory.getLogger("framebudgets.job");
    /** Longest failure reason kept in the run log. */
    private static final int MAX_MESSAGE = 2000;
    /** How long to wait for the span checks, which Spark reports just after the read's job ends. */
    private static final long SPAN_CHECKS_WAIT_MILLIS = 10_000;
    /** ... and when no span was in a frame, so the spans may not have been read at all. */
    private static final long SPAN_CHECKS_SHORT_WAIT_MILLIS = 1_000;
    /**
     * Driver threads for the small tables' collects and the seven table writes: each is mostly
     * driver-side latency, so a few at once overlap it; more would only queue for the cores.
     */
    private static final int WRITE_THREADS = 4;

    private final SparkSession spark;
    private final ReportSettings settings;
    private final ReportWindow window;
    private final String runId;

    private final boolean replace;

    public ReportRun(SparkSession spark, ReportSettings settings, ReportWindow window, String runId) {
        this(spark, settings, window, runId, false);
    }

    /**
     * With {@code replace}, the run replaces the window's rows even when the tables have rows of
     * processes it does not report (they go); without, such a run writes nothing (status kept).
     */
    public ReportRun(SparkSession spark, ReportSettings settings, ReportWindow window, String runId, boolean replace) {
        this.spark = spark;
        this.settings = settings;
        this.window = window;
        this.runId = runId;
        this.replace = replace;
    }

    /**
     * Runs the report and returns what it did; the run log row is written before returning. When
     * the run fails, a {@code failed} row with the reason is appended (if the run log itself can be
     * written) and the failure is rethrown.
     */
    public RunResult run() {
        Instant started = Instant.now();
        try {
            return report(started);
        } catch (RuntimeException e) {
            recordFailure(started, e);
            throw e;
        } catch (Exception e) { // a checked exception thrown undeclared by Scala code (Delta, Hadoop)
            IllegalStateException failure = new IllegalStateException(FailureReason.of(e), e);
            recordFailure(started, failure);
            throw failure;
        }
    }

    private RunResult report(Instant started) {
        try (FlightSqlFailureLog failureLog = FlightSqlFailureLog.open(spark)) {
            return report(started, failureLog);
        }
    }

    private RunResult report(Instant started, FlightSqlFailureLog failureLog) {
        Phase phase = new Phase(spark.sparkContext(), runId);
        TelemetryReader reader = new TelemetryReader(spark, settings.source(), window, failureLog);
        ReportOptions options = reportOptions();
        OutputSettings out = settings.output();
        LOG.info("run {}: window [{}, {}) filed under {}; output {}", runId, window.from(), window.to(), window.reportDate(), out.root());

        List<ProcessRow> processes = phase.run("discover processes",
                () -> reader.processes(settings.processes()), p -> p.size() + " processes");
        List<ThreadStream> streams = phase.run("discover threads",
                () -> reader.cpuStreams(processes.stream().map(ProcessRow::processId).toList()),
                s -> s.size() + " CPU streams");

        Map<String, ThreadStream> mainThreads = mainThreadByProcess(streams);
        List<RunLogEntry.ProcessFailure> skipped = new ArrayList<>();
        for (ProcessRow p : processes) {
            if (!mainThreads.containsKey(p.processId())) {
                skipped.add(new RunLogEntry.ProcessFailure(p.processId(),
                        "no thread named " + Printable.quoted(settings.frames().mainThread()) + " in the window"));
            }
        }
        if (processes.isEmpty()) {
            return notWritten(started, RunResult.EMPTY, NothingToReport.noProcess(settings.processes()), 0, List.of(), skipped);
        }
        if (mainThreads.isEmpty()) {
            return notWritten(started, RunResult.EMPTY, NothingToReport.noMainThread(settings.frames().mainThread(),
                    processes.size(), streams), processes.size(), List.of(), skipped);
        }
        if (!skipped.isEmpty()) {
            LOG.info("{} of {} processes have no main thread {}: skipped", skipped.size(),
                    processes.size(), Printable.quoted(settings.frames().mainThread()));
        }
        List<ThreadStream> mainStreams = new ArrayList<>(mainThreads.values());
        Set<String> reported = mainThreads.keySet();
        List<ThreadStream> otherStreams = settings.threads() == ThreadMode.MAIN_THREAD ? List.of()
                : streams.stream().filter(s -> reported.contains(s.processId()) && !mainStreams.contains(s)).toList();

        // Each main thread is read once: its spans give the frames and are spans of the report too.
        // The union keeps each read's partitions (one stream each), as DuplicateSpans.mark needs.
        Dataset<Row> mainThreadSpans = reader.spans(mainStreams).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> allFrames = frames(mainThreadSpans).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> spansRead = otherStreams.isEmpty() ? mainThreadSpans : mainThreadSpans.unionByName(reader.spans(otherStreams));
        Observation spanChecks = new Observation("span checks " + runId);
        Dataset<Row> spans = DataIssues.observeSpans(DuplicateSpans.mark(spansRead), spanChecks);
        Dataset<Row> processTable = processTable(processes);
        // One job reads every main thread at once (a limited collect of the frames would read them in waves).
        Set<String> withFrames = phase.run("read main threads", () -> processesWithFrames(allFrames), p -> p.size() + " processes with frames");
        if (withFrames.isEmpty()) {
            Map<String, String> failed = failedProcesses(failureLog);
            String why = failed.isEmpty() ? NothingToReport.noFrame(settings.frames().spanName(),
                    settings.frames().mainThread(), mainThreads.size(), mainThreadSpans) : null;
            allFrames.unpersist();
            mainThreadSpans.unpersist();
            return failed.isEmpty() ? notWritten(started, RunResult.EMPTY, why, processes.size(), List.of(), skipped)
                    : notWritten(started, RunResult.PARTIAL, failedMessage(failed, processes.size()), processes.size(),
                            failures(failed), skipped);
        }
        // Planning the stats collects the frame index; counting the stats reads the other threads.
        Dataset<Row> allFrameStats = phase.run("index frames",
                () -> FrameBudgetReport.compute(allFrames, spans, processTable, options).frameStats()
                        .persist(StorageLevel.MEMORY_AND_DISK()),
                stats -> "frame stats planned");
        long frameStatCount = phase.run("read telemetry", allFrameStats::count, n -> n + " frame stats");
        Map<String, Long> dataIssues = phase.run("check data", () -> dataIssues(allFrames, spanChecks, frameStatCount > 0),
                issues -> issues.isEmpty() ? "no issues" : issues.toString());
        // The frames and frame stats are persisted in full by now: nothing reads the main threads' spans again.
        mainThreadSpans.unpersist();

        Map<String, String> failed = failedProcesses(failureLog);
        Map<String, String> notMaterialized = notMaterialized(failed);
        notMaterialized.forEach((id, reason) -> skipped.add(new RunLogEntry.ProcessFailure(id, reason)));
        if (!notMaterialized.isEmpty()) {
            LOG.warn("{} processes are not materialized by micromegas yet and are skipped: {}", notMaterialized.size(),
                    notMaterialized.keySet());
        }
        Set<String> leftOut = new TreeSet<>(failed.keySet());
        leftOut.addAll(notMaterialized.keySet());
        Column kept = leftOut.isEmpty() ? lit(true) : not(col("process_id").isin(leftOut.toArray()));
        if (!failed.isEmpty()) {
            LOG.warn("{} processes could not be read and are left out of the report: {}", failed.size(), failed);
        }
        Set<String> reporting = new TreeSet<>(withFrames);
        reporting.removeAll(leftOut);
        if (reporting.isEmpty()) {
            allFrameStats.unpersist();
            allFrames.unpersist();
            return notWritten(started, RunResult.PARTIAL, failedMessage(failed, processes.size()), processes.size(),
                    failures(failed), skipped);
        }
        Dataset<Row> frames = allFrames.where(kept);
        Dataset<Row> frameStats = allFrameStats.where(kept);
        ReportTables tables = FrameBudgetReport.fromFrameStats(frameStats, frames, processTable, options);

        try (WindowClaim claim = WindowClaim.acquire(spark, out.root(), window, runId)) {
            Set<String> dropped = processesWithRows(out.location(out.framesByProcess()));
            dropped.removeAll(reporting);
            if (!dropped.isEmpty() && !replace) {
                allFrameStats.unpersist();
                allFrames.unpersist();
                return notWritten(started, failed.isEmpty() ? RunResult.KEPT : RunResult.PARTIAL,
                        keptMessage(dropped, failed, processes.size()), processes.size(), failures(failed), skipped);
            }
            WindowRollback rollback = new WindowRollback(spark, window, runId);
            rollback.noteVersions(tablesWritten().stream().map(out::location).toList());
            HtmlReportFile.Previous previousHtml = out.writeHtmlReport()
                    ? HtmlReportFile.previous(spark, out.htmlReportLocation(window.reportDate())) : null;
            try {
                return write(started, phase, failureLog, failed, leftOut, skipped, processes, tables, frameStats,
                        dataIssues, allFrames, allFrameStats);
            } catch (Throwable e) { // Delta and Hadoop throw checked exceptions undeclared, too
                List<String> putBack = rollback.putBack();
                if (previousHtml != null) {
                    previousHtml.putBack();
                }
                LOG.error("run {} failed while writing: {} of its tables put back as they were before the run ({})",
                        runId, putBack.size(), putBack);
                throw e;
            }
        }
    }

    /** The report tables this run writes (the run log aside). */
    private List<String> tablesWritten() {
        OutputSettings out = settings.output();
        List<String> names = new ArrayList<>();
        if (out.writeFrameStats()) {
            names.add(out.frameStats());
        }
        names.addAll(List.of(out.aggregatesByProcess(), out.aggregatesByExe(), out.topOffenders(), out.framesByProcess(),
                out.framesByExe(), out.budgetChanges()));
        return names;
    }

    private RunResult write(Instant started, Phase phase, FlightSqlFailureLog failureLog, Map<String, String> failed,
                            Set<String> leftOut, List<RunLogEntry.ProcessFailure> skipped, List<ProcessRow> processes, ReportTables tables,
                            Dataset<Row> frameStats, Map<String, Long> dataIssues, Dataset<Row> allFrames,
                            Dataset<Row> allFrameStats) {
        OutputSettings out = settings.output();
        ReportTableWriter writer = new ReportTableWriter(spark);
        SummaryTables summary;
        Map<String, Long> rowsWritten = new LinkedHashMap<>();
        try (DriverThreads threads = new DriverThreads(WRITE_THREADS)) {
            Map<String, CompletableFuture<Long>> writes = new LinkedHashMap<>();
            if (out.writeFrameStats()) {
                writes.put(out.frameStats(), threads.submit(phase, "write frame stats",
                        () -> writer.replaceWindow(out.location(out.frameStats()), BiColumns.add(frameStats), window, runId),
                        n -> n + " rows"));
            }
            List<Row> baselineRows = phase.run("read baseline",
                    () -> new BaselineReader(spark).read(out.location(out.aggregatesByExe()), window.reportDate(),
                            settings.baseline().date()).collectAsList(),
                    b -> b.size() + " baseline rows");
            Dataset<Row> baseline = spark.createDataFrame(baselineRows, BaselineReader.SCHEMA);
            BudgetChanges changes = new BudgetChanges(settings.baseline().regressionThresholdPercent(),
                    settings.baseline().minChange().toNanos());
            summary = SummaryTables.collect(tables, changes, baseline, phase, threads);
            writeSummary(phase, threads, writer, writes, "aggregates by process", out.aggregatesByProcess(), summary.aggregatesByProcess());
            writeSummary(phase, threads, writer, writes, "aggregates by exe", out.aggregatesByExe(), summary.aggregatesByExe());
            writeSummary(phase, threads, writer, writes, "top offenders", out.topOffenders(), summary.topOffenders());
            writeSummary(phase, threads, writer, writes, "frames by process", out.framesByProcess(), summary.framesByProcess());
            writeSummary(phase, threads, writer, writes, "frames by exe", out.framesByExe(), summary.framesByExe());
            writeSummary(phase, threads, writer, writes, "budget changes", out.budgetChanges(), summary.budgetChanges());
            writeSummary(phase, threads, writer, writes, "hitches", out.hitches(), summary.hitches());
            writes.forEach((table, written) -> rowsWritten.put(table, DriverThreads.await(written)));
        }
        long frameCount = summary.frames();
        allFrameStats.unpersist();
        allFrames.unpersist();
        Map<String, String> failedLater = failedProcesses(failureLog);
        if (!leftOut.containsAll(failedLater.keySet())) {
            throw new IllegalStateException("processes " + failedLater + " failed while the tables were being written "
                    + "(a recomputation read them again), so their rows may be incomplete: rerun the window");
        }

        List<RunLogEntry.ProcessFailure> failures = failures(failed);
        RunResult result = new RunResult(runId, window, processes.size(),
                processes.size() - skipped.size() - failures.size(), failures, skipped, frameCount, summary.framesByProcess(),
                rowsWritten, failures.isEmpty() ? RunResult.OK : RunResult.PARTIAL,
                failures.isEmpty() ? null : failedMessage(failed, processes.size()));
        if (out.writeHtmlReport()) {
            String location = out.htmlReportLocation(window.reportDate());
            phase.run("write HTML report", () -> {
                HtmlReportData page = new HtmlReportReader(summary.framesByExe(), summary.aggregatesByExe(),
                        summary.budgetChanges(), summary.topOffenders(), summary.hitches()).read(window, runId, result.status(),
                        result.processesAttempted(), result.processesReported());
                HtmlReportFile.write(spark, location, HtmlReportPage.render(page));
                return location;
            }, l -> "written to " + l);
        }
        RunLogEntry entry = new RunLogEntry(
                runId, window, started, Instant.now(), result.status(), configDigest(), processes.size(),
                result.processesReported(), failures, skipped, frameCount, rowsWritten, result.message(), dataIssues);
        phase.run("write run log", () -> {
            new RunLogWriter(spark).append(out.location(out.runLog()), entry);
            return entry.status();
        }, status -> status);
        if (!out.catalogDatabase().isEmpty()) {
            CatalogTables catalog = new CatalogTables(spark, out.catalogDatabase());
            phase.run("register tables in " + out.catalogDatabase(), () -> {
                for (String table : rowsWritten.keySet()) {
                    catalog.register(table, absolute(out.location(table)));
                }
                catalog.register(out.runLog(), absolute(out.location(out.runLog())));
                return rowsWritten.size() + 1;
            }, n -> n + " tables");
        }
        return result;
    }

    /**
     * A run that writes no report table: every table keeps the window's rows. The run log gets a row
     * with the status and why; the log a warning with the same words.
     */
    private RunResult notWritten(Instant started, String status, String message, int found,
                                 List<RunLogEntry.ProcessFailure> failures, List<RunLogEntry.ProcessFailure> skipped) {
        String said = message + ": nothing written, every table keeps the window's rows";
        LOG.warn("run {} ({}): {}", runId, status, said);
        int reported = Math.max(0, found - skipped.size() - failures.size());
        RunResult result = new RunResult(runId, window, found, status.equals(RunResult.EMPTY) ? 0 : reported, failures,
                skipped, 0, null, Map.of(), status, said);
        OutputSettings out = settings.output();
        RunLogEntry entry = new RunLogEntry(runId, window, started, Instant.now(), status, configDigest(), found,
                result.processesReported(), failures, skipped, 0, Map.of(), truncated(said), Map.of());
        new Phase(spark.sparkContext(), runId).run("write run log", () -> {
            new RunLogWriter(spark).append(out.location(out.runLog()), entry);
            return status;
        }, s -> s);
        return result;
    }

    private static String failedMessage(Map<String, String> failed, int found) {
        return failed.size() + " of " + found + " processes could not be read (" + String.join(", ", failed.keySet())
                + "; reasons in the run log's failures)";
    }

    private String keptMessage(Set<String> dropped, Map<String, String> failed, int found) {
        Set<String> failedToo = new TreeSet<>(dropped);
        failedToo.retainAll(failed.keySet());
        String why = failedToo.isEmpty() ? "not reported by this run (not found, skipped or without frames)"
                : failedToo.size() + " of them could not be read now; " + failedMessage(failed, found);
        return "the tables have rows of window [" + window.from() + ", " + window.to() + ") for " + dropped.size()
                + " processes that this run would drop (" + Printable.escaped(String.join(", ", dropped)) + ": " + why
                + "); rerun the window when they can be read, or rerun with --replace to replace the window's rows anyway";
    }

    private static List<RunLogEntry.ProcessFailure> failures(Map<String, String> failed) {
        List<RunLogEntry.ProcessFailure> failures = new ArrayList<>();
        failed.forEach((id, reason) -> failures.add(new RunLogEntry.ProcessFailure(id, reason)));
        return failures;
    }

    /** The processes with at least one frame (one job over the frames, which it caches). */
    private static Set<String> processesWithFrames(Dataset<Row> frames) {
        Set<String> ids = new TreeSet<>();
        frames.groupBy("process_id").count().collectAsList().forEach(r -> ids.add(r.getString(0)));
        return ids;
    }

    /** The processes the table at {@code location} (frames by process) has rows of in this window. */
    private Set<String> processesWithRows(String location) {
        Set<String> ids = new TreeSet<>();
        if (!io.delta.tables.DeltaTable.isDeltaTable(spark, location)) {
            return ids;
        }
        spark.read().format("delta").load(location).where(ReportTableWriter.windowPredicate(window))
                .select("process_id").distinct().collectAsList().forEach(r -> ids.add(r.getString(0)));
        return ids;
    }

    /** Starts the write of one of the small tables (already on the driver) as a single file per report date. */
    private void writeSummary(Phase phase, DriverThreads threads, ReportTableWriter writer, Map<String, CompletableFuture<Long>> writes,
                              String name, String table, Dataset<Row> rows) {
        OutputSettings out = settings.output();
        writes.put(table, threads.submit(phase, "write " + name,
                () -> writer.replaceWindow(out.location(table), BiColumns.add(rows).coalesce(1), window, runId),
                n -> n + " rows"));
    }

    /**
     * The non-zero counts of {@link DataIssues} over everything read (failed processes included),
     * with a warning when there is any. The span counts were observed while the spans were read.
     */
    private Map<String, Long> dataIssues(Dataset<Row> frames, Observation spanChecks, boolean spansJoined) {
        Map<String, Long> all = new TreeMap<>(DataIssues.frameIssues(frames));
        Map<String, Long> spanIssues = DataIssues.observedSpanIssues(spanChecks,
                spansJoined ? SPAN_CHECKS_WAIT_MILLIS : SPAN_CHECKS_SHORT_WAIT_MILLIS);
        if (spanIssues.isEmpty()) {
            LOG.info("run {}: the span checks were not recorded (the spans were not read: no frame to join them to)", runId);
        }
        all.putAll(spanIssues);
        all.values().removeIf(n -> n == 0);
        if (!all.isEmpty()) {
            LOG.warn("run {}: malformed or overlapping telemetry (malformed rows are dropped, see the README): {}", runId, all);
        }
        return all;
    }

    /** The processes with a stream whose read failed for good, with the first reason (naming the stream). */
    private static Map<String, String> failedProcesses(FlightSqlFailureLog failureLog) {
        Map<String, String> failed = new TreeMap<>();
        for (FlightSqlFailure f : failureLog.failures()) {
            String process = f.constants().get("process_id");
            String stream = f.constants().get("stream_id");
            failed.putIfAbsent(process, NotMaterialized.matches(f.message())
                    ? truncated(NotMaterialized.reason(stream, f.message()))
                    : "stream " + stream + ": " + truncated(f.message()));
        }
        return failed;
    }

    /**
     * Takes out of {@code failed} the processes whose failure is micromegas' "not materialized yet"
     * answer ({@link NotMaterialized}) and returns them with their skip reason.
     */
    private static Map<String, String> notMaterialized(Map<String, String> failed) {
        Map<String, String> late = new TreeMap<>();
        failed.entrySet().removeIf(e -> {
            if (NotMaterialized.matches(e.getValue())) {
                late.put(e.getKey(), e.getValue());
                return true;
            }
            return false;
        });
        return late;
    }

    private static String truncated(String reason) {
        return reason.length() > MAX_MESSAGE ? reason.substring(0, MAX_MESSAGE) + "..." : reason;
    }

    private void recordFailure(Instant started, RuntimeException failure) {
        String reason = FailureReason.of(failure);
        OutputSettings out = settings.output();
        try {
            new RunLogWriter(spark).append(out.location(out.runLog()), new RunLogEntry(runId, window, started, Instant.now(),
                    "failed", configDigest(), 0, 0, List.of(), List.of(), 0, Map.of(), truncated(reason), null));
        } catch (RuntimeException logFailure) {
            LOG.warn("run {} failed and its run log row could not be written either: {}", runId, logFailure.getMessage());
            failure.addSuppressed(logFailure);
        }
    }

    private ReportOptions reportOptions() {
        ReportOptions.Builder options = settings.groupBy() == GroupBy.SPAN_NAME
                ? ReportOptions.bySpanName()
                : ReportOptions.byBudget(BudgetMap.of(settings.budgets()));
        if (settings.groupBy() == GroupBy.BUDGET && !settings.otherBudget().isEmpty()) {
            options.otherBudget(settings.otherBudget());
        }
        Map<String, Long> targets = new TreeMap<>();
        settings.targets().budgets().forEach((budget, target) -> targets.put(budget, target.toNanos()));
        return options.threadMode(settings.threads()).topN(settings.topOffenders())
                .targets(targets)
                .frameTargetNanos(settings.targets().frameTarget().toNanos())
                .hitchThresholdNanos(settings.targets().hitchThreshold().toNanos())
                .build();
    }

    /** The main thread of each process: the first stream (by id) whose thread-name is the configured one. */
    private Map<String, ThreadStream> mainThreadByProcess(List<ThreadStream> streams) {
        Map<String, ThreadStream> out = new TreeMap<>();
        for (ThreadStream s : streams) {
            if (settings.frames().mainThread().equals(s.threadName())) {
                out.merge(s.processId(), s, (a, b) -> a.streamId().compareTo(b.streamId()) <= 0 ? a : b);
            }
        }
        return out;
    }

    /** Frames: the main threads' spans with the frame span's name (exact, or a glob) that begin inside the window. */
    private Dataset<Row> frames(Dataset<Row> mainThreadSpans) {
        String name = settings.frames().spanName();
        boolean glob = name.contains("*") || name.contains("?");
        Column named = glob ? col("name").rlike(globRegex(name)) : col("name").equalTo(name);
        long from = epochNanos(window.from());
        long to = epochNanos(window.to());
        return mainThreadSpans
                .where(named.and(col("begin").geq(from)).and(col("begin").lt(to)))
                .select(col("process_id"), col("stream_id"), col("begin").as("frame_begin"), col("end").as("frame_end"));
    }

    /** A catalog table must point at an absolute location: local paths are made absolute. */
    private static String absolute(String location) {
        return location.contains("://") ? location : java.nio.file.Path.of(location).toAbsolutePath().normalize().toString();
    }

    static String globRegex(String glob) {
        StringBuilder re = new StringBuilder("^");
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.append('$').toString();
    }

    static long epochNanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    private Dataset<Row> processTable(List<ProcessRow> processes) {
        StructType schema = new StructType()
                .add("process_id", DataTypes.StringType, false)
                .add("exe", DataTypes.StringType, true)
                .add("build", DataTypes.StringType, true);
        List<Row> rows = processes.stream().map(p -> RowFactory.create(p.processId(), p.exe(), p.build())).collect(Collectors.toList());
        return spark.createDataFrame(rows, schema);
    }

    private String configDigest() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(settings.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
