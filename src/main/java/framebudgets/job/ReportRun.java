package framebudgets.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import framebudgets.config.GroupBy;
import framebudgets.config.OutputSettings;
import framebudgets.config.ReportSettings;
import framebudgets.config.ReportWindow;
import framebudgets.delta.CatalogTables;
import framebudgets.delta.ReportTableWriter;
import framebudgets.delta.RunLogEntry;
import framebudgets.delta.RunLogWriter;
import framebudgets.micromegas.ProcessRow;
import framebudgets.micromegas.TelemetryReader;
import framebudgets.micromegas.ThreadStream;
import framebudgets.report.BudgetMap;
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
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
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
 * compute the report, write the Delta tables and the run log. Each phase is named in the Spark UI
 * and logged with counts and timings.
 */
public final class ReportRun {
    private static final Logger LOG = LoggerFactory.getLogger("framebudgets.job");
    /** Longest failure reason kept in the run log. */
    private static final int MAX_MESSAGE = 2000;

    private final SparkSession spark;
    private final ReportSettings settings;
    private final ReportWindow window;
    private final String runId;

    public ReportRun(SparkSession spark, ReportSettings settings, ReportWindow window, String runId) {
        this.spark = spark;
        this.settings = settings;
        this.window = window;
        this.runId = runId;
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
        }
    }

    private RunResult report(Instant started) {
        Phase phase = new Phase(spark.sparkContext(), runId);
        TelemetryReader reader = new TelemetryReader(spark, settings.source(), window);
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
                        "no thread named '" + settings.frames().mainThread() + "' in the window"));
            }
        }
        if (!skipped.isEmpty()) {
            LOG.warn("{} of {} processes have no main thread '{}' and are not reported", skipped.size(),
                    processes.size(), settings.frames().mainThread());
        }
        List<ThreadStream> mainStreams = new ArrayList<>(mainThreads.values());
        Set<String> reported = mainThreads.keySet();
        List<ThreadStream> spanStreams = settings.threads() == ThreadMode.MAIN_THREAD
                ? mainStreams
                : streams.stream().filter(s -> reported.contains(s.processId())).toList();

        Dataset<Row> frames = frames(reader, mainStreams).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> spans = reader.spans(spanStreams);
        Dataset<Row> processTable = processTable(processes);
        ReportTables tables = FrameBudgetReport.compute(frames, spans, processTable, options);

        Dataset<Row> frameTotals = phase.run("frames",
                () -> frames.groupBy("process_id")
                        .agg(count(lit(1)).as("frames"), sum(col("frame_end").minus(col("frame_begin"))).as("frame_time"))
                        .persist(StorageLevel.MEMORY_AND_DISK()),
                t -> t.count() + " processes with frames");
        long frameCount = frameTotals.isEmpty() ? 0 : frameTotals.agg(sum("frames")).head().getLong(0);
        if (frameCount == 0) {
            LOG.warn("no frame named '{}' on threads '{}' in the window: the report is empty",
                    settings.frames().spanName(), settings.frames().mainThread());
        }

        Dataset<Row> frameStats = tables.frameStats().persist(StorageLevel.MEMORY_AND_DISK());
        ReportTableWriter writer = new ReportTableWriter(spark);
        Map<String, Long> rowsWritten = new LinkedHashMap<>();
        if (out.writeFrameStats()) {
            rowsWritten.put(out.frameStats(), phase.run("write frame stats",
                    () -> writer.replaceWindow(out.location(out.frameStats()), BiColumns.add(frameStats), window, runId),
                    n -> n + " rows"));
        }
        rowsWritten.put(out.aggregatesByProcess(), phase.run("write aggregates by process",
                () -> writer.replaceWindow(out.location(out.aggregatesByProcess()), BiColumns.add(tables.aggregatesByProcess()), window, runId),
                n -> n + " rows"));
        rowsWritten.put(out.aggregatesByExe(), phase.run("write aggregates by exe",
                () -> writer.replaceWindow(out.location(out.aggregatesByExe()), BiColumns.add(tables.aggregatesByExe()), window, runId),
                n -> n + " rows"));
        rowsWritten.put(out.topOffenders(), phase.run("write top offenders",
                () -> writer.replaceWindow(out.location(out.topOffenders()), BiColumns.add(tables.topOffenders()), window, runId),
                n -> n + " rows"));
        frameStats.unpersist();
        frames.unpersist();

        RunResult result = new RunResult(runId, window, processes.size(), processes.size() - skipped.size(), skipped,
                frameCount, frameTotals, rowsWritten);
        new RunLogWriter(spark).append(out.location(out.runLog()), new RunLogEntry(
                runId, window, started, Instant.now(), result.status(), configDigest(), processes.size(),
                result.processesReported(), skipped, frameCount, rowsWritten,
                frameCount == 0 ? "no frames in the window" : null));
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

    private void recordFailure(Instant started, RuntimeException failure) {
        String reason = String.valueOf(failure.getMessage());
        OutputSettings out = settings.output();
        try {
            new RunLogWriter(spark).append(out.location(out.runLog()), new RunLogEntry(runId, window, started, Instant.now(),
                    "failed", configDigest(), 0, 0, List.of(), 0, Map.of(),
                    reason.length() > MAX_MESSAGE ? reason.substring(0, MAX_MESSAGE) + "..." : reason));
        } catch (RuntimeException logFailure) {
            LOG.warn("run {} failed and its run log row could not be written either: {}", runId, logFailure.getMessage());
            failure.addSuppressed(logFailure);
        }
    }

    private ReportOptions reportOptions() {
        ReportOptions options = settings.groupBy() == GroupBy.SPAN_NAME
                ? ReportOptions.bySpanName()
                : ReportOptions.byBudget(BudgetMap.of(settings.budgets()));
        if (settings.groupBy() == GroupBy.BUDGET && !settings.otherBudget().isEmpty()) {
            options = options.withOtherBudget(settings.otherBudget());
        }
        return options.withThreadMode(settings.threads()).withTopN(settings.topOffenders());
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

    /** Frames: main-thread spans with the frame span's name (exact, or a glob) that begin inside the window. */
    private Dataset<Row> frames(TelemetryReader reader, List<ThreadStream> mainStreams) {
        String name = settings.frames().spanName();
        boolean glob = name.contains("*") || name.contains("?");
        Dataset<Row> candidates = glob
                ? reader.spans(mainStreams).where(col("name").rlike(globRegex(name)))
                : reader.spansNamed(mainStreams, name);
        long from = epochNanos(window.from());
        long to = epochNanos(window.to());
        return candidates
                .where(col("begin").geq(from).and(col("begin").lt(to)))
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
                .add("exe", DataTypes.StringType, true);
        List<Row> rows = processes.stream().map(p -> RowFactory.create(p.processId(), p.exe())).collect(Collectors.toList());
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
