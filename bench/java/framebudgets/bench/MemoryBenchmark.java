package framebudgets.bench;

import framebudgets.FrameBudgetJob;
import framebudgets.cluster.StandaloneCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Peak resident memory of the job's driver and executor at two sizes. The job runs as it does in
 * production ({@link FrameBudgetJob} {@code --conf}, all threads) against the stand-in served by this
 * JVM, its driver in a JVM of its own with {@code -Xmx2g} ({@link JobRun}). The full version runs it
 * on a Spark standalone cluster started here (a Master and one Worker on 127.0.0.1), where the
 * executor is a second JVM (2 GB heap, 2 cores), so the driver's memory is told from the executor's:
 * the driver collects only process and thread lists, the frames of the frame index and small
 * results, so its peak must not grow with the span count (target: the large size's peak at most
 * 1.25× the small one's). The quick version runs in local mode, where the one JVM is both (a cluster
 * run takes twice as long). Every JVM writes a GC log, so that a peak that grew is told from a heap
 * that grew into its limit.
 */
final class MemoryBenchmark implements Benchmark {

    static final String NAME = "memory";
    private static final int PROCESSES = 4;
    private static final List<Long> QUICK_SPANS = List.of(200_000L, 1_000_000L);
    private static final double MAX_GROWTH = 1.25;

    private static final String COMMON_NOTE = "The stand-in server runs in the benchmark's JVM and is not counted. "
            + "median s is the driver's wall time including JVM and Spark start. Heap after GC is from each JVM's "
            + "-Xlog:gc* file: an upper bound of its live data.";

    private final List<Long> sizes;

    MemoryBenchmark() {
        this(null);
    }

    /** @param sizes spans per run, or null for the defaults (quick: 0.2M and 1M; full: N and 5N) */
    MemoryBenchmark(List<Long> sizes) {
        this.sizes = sizes;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "peak RSS of the job's driver (-Xmx" + JobRun.HEAP + ") and executor JVMs at a small and a large span count "
                + "(full: on a standalone cluster; quick: local mode, driver = executor)";
    }

    @Override
    public BenchmarkReport run(BenchContext context) throws Exception {
        List<Long> runs = sizes != null ? sizes : context.quick() ? QUICK_SPANS : List.of(context.spans(), 5 * context.spans());
        Path dir = Files.createDirectories(context.workDir().toAbsolutePath().resolve("memory"));
        try {
            return context.quick() ? inLocalMode(context, runs, dir) : onCluster(context, runs, dir);
        } finally {
            ReportData.deleteTree(dir);
        }
    }

    /** The quick version: the job in one local[2] JVM, driver and executor in one. */
    private static BenchmarkReport inLocalMode(BenchContext context, List<Long> runs, Path dir) throws Exception {
        List<Measurement> jvms = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (long spans : runs) {
            ReportData data = context.reportData(PROCESSES, ReportData.minutesFor(spans, PROCESSES));
            JobRun run = JobRun.local(config(data), dir);
            failUnlessOk(run, dir, "");
            jvms.add(measurement("job JVM (local mode: driver = executor)", data.spans(), run.driver().peakRssBytes(), run));
            notes.add(String.format(Locale.ROOT, "memory, %,d spans (%d processes): exit %d in %.1f s; job JVM %s.",
                    data.spans(), PROCESSES, run.exit(), run.nanos() / 1e9, run.driver().describe()));
        }
        notes.add("memory (quick: local mode): one run per size (each a fresh JVM); the job is FrameBudgetJob --conf, "
                + "all-threads mode, -Xmx" + JobRun.HEAP + ", local[2], spark.ui.enabled=false, so the one JVM is both "
                + "driver and executor; the full version (--size) runs it on a standalone cluster to tell them apart. "
                + COMMON_NOTE);
        return new BenchmarkReport(grown(jvms, MAX_GROWTH, "the smallest size"), notes);
    }

    /** The full version: the driver here, one executor on a standalone cluster of one Worker. */
    private static BenchmarkReport onCluster(BenchContext context, List<Long> runs, Path dir) throws Exception {
        List<Measurement> drivers = new ArrayList<>();
        List<Measurement> executors = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long started = System.nanoTime();
        try (StandaloneCluster cluster = StandaloneCluster.start(JobJvm.classpath(), JobJvm.opens(), dir, 1,
                JobRun.EXECUTOR_CORES, JobRun.HEAP)) {
            notes.add(String.format(Locale.ROOT, "memory: standalone cluster %s up in %.1f s (a Master and one Worker "
                    + "offering %d cores and %s).", cluster.masterUrl(), (System.nanoTime() - started) / 1e9,
                    JobRun.EXECUTOR_CORES, JobRun.HEAP));
            for (long spans : runs) {
                ReportData data = context.reportData(PROCESSES, ReportData.minutesFor(spans, PROCESSES));
                JobRun run = JobRun.onCluster(cluster, config(data), dir);
                failUnlessOk(run, dir, "\nits executors' output:\n" + executorOutput(cluster));
                if (run.executors().size() != 1) {
                    throw new IllegalStateException("expected the job to run on one executor, it got " + run.executors().size());
                }
                drivers.add(measurement("driver JVM", data.spans(), run.driver().peakRssBytes(), run));
                executors.add(measurement("executor JVM", data.spans(), run.executorPeakRssBytes(), run));
                notes.add(String.format(Locale.ROOT, "memory, %,d spans (%d processes): exit %d in %.1f s; driver %s; "
                        + "executor %s.", data.spans(), PROCESSES, run.exit(), run.nanos() / 1e9, run.driver().describe(),
                        run.executors().get(0).describe()));
            }
        }
        List<ResultRow> rows = new ArrayList<>();
        rows.addAll(grown(drivers, MAX_GROWTH, "the driver at the smallest size"));
        rows.addAll(grown(executors, null, "the executor at the smallest size"));
        notes.add("memory (full: standalone cluster): one run per size (each a fresh driver and executor); the job is "
                + "FrameBudgetJob --conf, all-threads mode, its driver started here as spark-submit's client mode does "
                + "(-Xmx" + JobRun.HEAP + ", spark.ui.enabled=false), one executor (" + JobRun.HEAP + " heap, "
                + JobRun.EXECUTOR_CORES + " cores) started by the Worker; both on this project's classpath (no cluster "
                + "jar). " + COMMON_NOTE);
        return new BenchmarkReport(rows, notes);
    }

    /** The job's config for {@code data}: all threads, Unreal budgets, output beside the data. */
    private static Path config(ReportData data) throws IOException {
        Path conf = data.directory().resolve("memory.conf");
        Files.writeString(conf, ReportData.configText(data.server().uri().toString(),
                Path.of("conf", "budgets-unreal.conf").toAbsolutePath(), "all-threads", data.directory().resolve("out-memory")));
        return conf;
    }

    private static void failUnlessOk(JobRun run, Path dir, String more) throws IOException {
        if (run.exit() != 0) {
            throw new IllegalStateException("the job exited with " + run.exit() + "; its driver's output: "
                    + Files.readString(dir.resolve("driver.log"), StandardCharsets.UTF_8) + more);
        }
    }

    /** The end of each executor's stderr (app-ID/N/stderr in the Worker's folder). */
    private static String executorOutput(StandaloneCluster cluster) throws IOException {
        StringBuilder out = new StringBuilder();
        for (Path worker : cluster.workerDirs()) {
            try (Stream<Path> files = Files.find(worker, 3, (p, a) -> p.getFileName().toString().equals("stderr"))) {
                for (Path stderr : files.toList()) {
                    String text = Files.readString(stderr, StandardCharsets.UTF_8);
                    out.append(stderr).append(":\n").append(text.substring(Math.max(0, text.length() - 4000))).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static Measurement measurement(String jvm, long spans, long peakRssBytes, JobRun run) {
        String label = String.format(Locale.ROOT, "%s, %,d spans, peak RSS %,d MB", jvm, spans, peakRssBytes >> 20);
        return new Measurement(new Contender(label, () -> null), new Contender.Answer(spans, null), List.of(run.nanos()),
                peakRssBytes);
    }

    /** The first size as the baseline, every other against it (at most {@code target} times its peak; null: INFO). */
    private static List<ResultRow> grown(List<Measurement> measured, Double target, String baselineName) {
        List<ResultRow> rows = new ArrayList<>();
        rows.add(ResultRow.baseline(NAME, measured.get(0)));
        for (int i = 1; i < measured.size(); i++) {
            rows.add(new ResultRow(NAME, measured.get(i), List.of(Comparison.memoryAtMost(target, baselineName, measured.get(0)))));
        }
        return rows;
    }
}
