package framebudgets.bench;

import framebudgets.config.ReportSettings;
import framebudgets.job.ReportRun;
import framebudgets.job.RunResult;
import framebudgets.micromegas.ProcessRow;
import framebudgets.micromegas.TelemetryReader;
import framebudgets.micromegas.ThreadStream;
import framebudgets.config.OutputSettings;
import framebudgets.delta.ReportTableWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;

/**
 * The whole report (discovery, read, budgets, range join, per-frame stats, aggregates, top
 * offenders, Delta writes, run log) against a plain {@code count()} of the same spans through the
 * same source: the report's spans per second divided by the scan's. Both modes of the job: the
 * main thread's spans only, and every thread's. Target from the issue: at least 0.4×.
 */
final class ReportBenchmark implements Benchmark {

    static final String NAME = "report";
    private static final int PROCESSES = 4;
    private static final long QUICK_SPANS = 1_000_000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "whole report (read -> join -> budgets -> stats -> aggregates -> offenders -> Delta) vs count() of the same spans";
    }

    @Override
    public BenchmarkReport run(BenchContext context) throws Exception {
        long spans = context.quick() ? QUICK_SPANS : context.spans();
        List<ResultRow> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        ReportData data = context.reportData(PROCESSES, ReportData.minutesFor(spans, PROCESSES));
        boolean warm = false;
        for (String threads : List.of("main-thread", "all-threads")) {
            ReportSettings settings = data.settings(threads, data.directory().resolve("out-" + threads));
            long read = spansRead(context.spark(), data, settings);
            Contender scan = new Contender("count() of the " + threads + " spans through the source",
                    () -> new Contender.Answer(countSpans(context.spark(), data, settings), null));
            ReportRunner runner = new ReportRunner(context.spark(), threads, data, "bench-" + threads);
            Contender report = new Contender("whole report, " + threads,
                    () -> {
                        runner.run();
                        return new Contender.Answer(read, null);
                    });
            List<Measurement> measured = quickTrial(context, warm).run(List.of(scan, report));
            warm = true;
            rows.add(ResultRow.baseline(NAME, measured.get(0)));
            rows.add(new ResultRow(NAME, measured.get(1), List.of(
                    Comparison.info("count() scan (spans/s ratio; retired target ≥ 0.4×)", measured.get(0)))));
            notes.add(String.format(Locale.ROOT, "report, %s: %,d of the %,d generated spans read (%d processes, "
                    + "%.2f min each); it wrote %s; Delta files per table for the report date: %s; its last run launched %s.",
                    threads, read, data.spans(), data.processes(), ReportData.minutesFor(spans, PROCESSES),
                    runner.outcome().rowsWritten(),
                    filesPerTable(context.spark(), runner.lastSettings()), runner.lastJobs()));
        }
        notes.add("report: both contenders process the same spans, so the ratio of spans per second is the scan's "
                + "median time over the report's. The scan's thread discovery is done once, untimed; the report's "
                + "discovery is timed as part of it.");
        return new BenchmarkReport(rows, notes);
    }

    /**
     * The quick version: 2 timed rounds, after 1 warm-up round for the first mode only (the second
     * mode's runs find the JVM, Spark and Delta warmed up by the first's).
     */
    private static Trial quickTrial(BenchContext context, boolean warm) {
        return context.quick() ? new Trial(warm ? 0 : 1, 2) : context.trial();
    }

    /** What a report run produced. */
    record ReportOutcome(long frames, Map<String, Long> rowsWritten) {}

    /**
     * Runs the report on one data set, each run under a run id and into an output folder of its
     * own (like a nightly run writing a new report date: a rerun of the same window would add
     * Delta's replace of that window's rows), and fails when a run produces something else than
     * the first one did.
     */
    static final class ReportRunner {
        private final SparkSession spark;
        private final String threads;
        private final ReportData data;
        private final String runIdPrefix;
        private final AtomicInteger runs = new AtomicInteger();
        private ReportOutcome first;
        private ReportSettings last;
        private SparkJobTally lastJobs;

        ReportRunner(SparkSession spark, String threads, ReportData data, String runIdPrefix) {
            this.spark = spark;
            this.threads = threads;
            this.data = data;
            this.runIdPrefix = runIdPrefix;
        }

        ReportOutcome run() throws Exception {
            String runId = runIdPrefix + "-" + runs.incrementAndGet();
            last = data.settings(threads, data.directory().resolve("out-" + runId));
            RunResult[] result = new RunResult[1];
            lastJobs = SparkJobTally.of(spark, () -> {
                result[0] = new ReportRun(spark, last, data.window(), runId).run();
                return null;
            });
            result[0].frameTotals().unpersist();
            ReportOutcome outcome = new ReportOutcome(result[0].frames(), result[0].rowsWritten());
            if (first == null) {
                first = outcome;
            } else if (!first.equals(outcome)) {
                throw new IllegalStateException(runIdPrefix + ": a run produced " + outcome + " after " + first);
            }
            return outcome;
        }

        ReportOutcome outcome() {
            return first;
        }

        ReportSettings lastSettings() {
            return last;
        }

        /** The Spark jobs of the last run, by phase. */
        SparkJobTally lastJobs() {
            return lastJobs;
        }
    }

    static long spansRead(SparkSession spark, ReportData data, ReportSettings settings) {
        return countSpans(spark, data, settings);
    }

    /** count() of exactly the spans the report reads: the same streams, the same window. */
    static long countSpans(SparkSession spark, ReportData data, ReportSettings settings) {
        TelemetryReader reader = new TelemetryReader(spark, settings.source(), data.window());
        List<ThreadStream> streams = reader.cpuStreams(reader.processes(settings.processes()).stream()
                .map(ProcessRow::processId).toList());
        List<ThreadStream> read = settings.threads().name().equals("MAIN_THREAD")
                ? streams.stream().filter(s -> settings.frames().mainThread().equals(s.threadName())).toList()
                : streams;
        return reader.spans(read).count();
    }

    /** Data files of the report date in the latest version of each report table. */
    static String filesPerTable(SparkSession spark, ReportSettings settings) {
        List<String> counts = new ArrayList<>();
        OutputSettings out = settings.output();
        for (String table : List.of(out.frameStats(), out.aggregatesByProcess(), out.aggregatesByExe(), out.topOffenders())) {
            int files = spark.read().format("delta").load(out.location(table))
                    .where(ReportTableWriter.REPORT_DATE + " = DATE'" + ReportData.DAY + "'").inputFiles().length;
            counts.add(table + " " + files);
        }
        return String.join(", ", counts);
    }
}
