package framebudgets.bench;

import framebudgets.FrameBudgetJob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Peak resident memory of the job at two sizes: the job runs as it does in production
 * ({@link FrameBudgetJob} through picocli, {@code -Xmx2g}) in a JVM of its own, against the stand-in
 * served by this JVM, and its {@code VmHWM} (peak RSS, from {@code /proc/<pid>/status}) is sampled
 * until it exits. Local mode: the driver and the executor are that one JVM, so its peak is both.
 * The driver collects only process and thread lists and small results, so the peak must not grow
 * with the span count (target: the large size's peak at most 1.25× the small one's).
 */
final class MemoryBenchmark implements Benchmark {

    static final String NAME = "memory";
    private static final int PROCESSES = 4;
    private static final List<Long> QUICK_SPANS = List.of(200_000L, 1_000_000L);
    private static final double MAX_GROWTH = 1.25;
    private static final String HEAP = "2g";

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
        return "peak RSS of the job's JVM (-Xmx" + HEAP + ", local mode: driver = executor) at a small and a large span count";
    }

    @Override
    public BenchmarkReport run(BenchContext context) throws Exception {
        List<Long> runs = sizes != null ? sizes : context.quick() ? QUICK_SPANS : List.of(context.spans(), 5 * context.spans());
        List<Measurement> measured = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (long spans : runs) {
            ReportData data = context.reportData(PROCESSES, ReportData.minutesFor(spans, PROCESSES));
            Path conf = data.directory().resolve("memory.conf");
            Files.writeString(conf, ReportData.configText(data.server().uri().toString(),
                    Path.of("conf", "budgets-unreal.conf").toAbsolutePath(), "all-threads", data.directory().resolve("out-memory")));
            ChildRun child = ChildRun.of(conf, data.directory().resolve("job.log"));
            String label = String.format(Locale.ROOT, "job JVM, %,d spans, peak RSS %,d MB", data.spans(),
                    child.peakRssBytes >> 20);
            measured.add(new Measurement(new Contender(label, () -> null), new Contender.Answer(data.spans(), null),
                    List.of(child.nanos), child.peakRssBytes));
            notes.add(String.format(Locale.ROOT, "memory, %,d spans (%d processes): exit %d in %.1f s, peak RSS "
                    + "(VmHWM) %,d MB.", data.spans(), PROCESSES, child.exit, child.nanos / 1e9, child.peakRssBytes >> 20));
            if (child.exit != 0) {
                throw new IllegalStateException("the job exited with " + child.exit + "; its output: "
                        + Files.readString(data.directory().resolve("job.log"), StandardCharsets.UTF_8));
            }
        }
        List<ResultRow> rows = new ArrayList<>();
        rows.add(ResultRow.baseline(NAME, measured.get(0)));
        for (int i = 1; i < measured.size(); i++) {
            rows.add(new ResultRow(NAME, measured.get(i), List.of(
                    Comparison.memoryAtMost(MAX_GROWTH, "the smallest size", measured.get(0)))));
        }
        notes.add("memory: one run per size (not alternated: each is a fresh JVM); the job is FrameBudgetJob --conf, "
                + "all-threads mode, -Xmx" + HEAP + ", local[2], so the one JVM is both driver and executor; the "
                + "stand-in server runs in the benchmark's JVM and is not counted. median s is the child's wall time "
                + "including JVM and Spark start.");
        return new BenchmarkReport(rows, notes);
    }

    /** One run of the job in a child JVM, its peak RSS sampled from /proc. */
    private record ChildRun(int exit, long nanos, long peakRssBytes) {

        static ChildRun of(Path conf, Path log) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + HEAP, "-Duser.timezone=UTC", "-Dlog4j2.configurationFile=" + Path.of("bench", "log4j2.properties").toAbsolutePath()));
            for (String line : Files.readAllLines(Path.of("scripts", "jvm-opens"))) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    command.add(line.trim());
                }
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), FrameBudgetJob.class.getName(),
                    "--conf", conf.toString()));
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Path status = Path.of("/proc", Long.toString(process.pid()), "status");
            long peak = 0;
            while (process.isAlive()) {
                peak = Math.max(peak, peakRss(status));
                Thread.sleep(100);
            }
            return new ChildRun(process.waitFor(), System.nanoTime() - start, peak);
        }

        /** VmHWM of {@code /proc/<pid>/status}, in bytes; 0 once the process is gone. */
        private static long peakRss(Path status) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            } catch (IOException | RuntimeException gone) {
                return 0;
            }
            return 0;
        }
    }
}
