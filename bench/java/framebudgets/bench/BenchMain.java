package framebudgets.bench;

import framebudgets.job.SparkSessions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The entry point of {@code bench/run}: generates the span data, serves it with the stand-in, runs
 * the benchmarks of the suite in one local[2] Spark session and prints one table of results (also
 * written as markdown). Targets missed are reported, not failed: this is a measurement.
 */
@Command(name = "bench/run", sortOptions = false,
        description = {"Runs the benchmark suite against the embedded stand-in server and prints one table.",
            "Without options: the quick version (1 million spans, 1 warm-up, 3 timed rounds).",
            "With --size: the full version (default 1 warm-up, 5 timed rounds)."})
public final class BenchMain implements Callable<Integer> {

    private static final double QUICK_MILLIONS = 1;
    private static final List<Benchmark> SUITE = List.of(new SourceReadBenchmark(), new JoinBenchmark(),
            new ReportBenchmark(), new ScalingBenchmark(), new MemoryBenchmark(), new FixedCostBenchmark(), new PeerBenchmark());
    /** Benchmarks run only when named by {@code --only}. */
    private static final List<Benchmark> ON_REQUEST = List.of(SourceReadBenchmark.countOnly());

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--size", paramLabel = "MILLIONS",
            description = "Spans to generate and read, in millions (e.g. 10); selects the full version.")
    private Double millions;

    @Option(names = "--warmups", paramLabel = "N", description = "Untimed rounds before timing (default 1).")
    private int warmups = 1;

    @Option(names = "--repetitions", paramLabel = "N",
            description = "Timed rounds; the median is reported (default 3 quick, 5 full).")
    private Integer repetitions;

    @Option(names = "--only", paramLabel = "NAME", split = ",",
            description = "Run only these benchmarks (default: all). Known: ${COMPLETION-CANDIDATES}.",
            completionCandidates = BenchmarkNames.class)
    private List<String> only;

    @Option(names = "--output", paramLabel = "FILE", description = "Markdown results file (default target/bench/results.md).")
    private Path output = Path.of("target", "bench", "results.md");

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Where the DuckDB data goes while running (default target/bench/work).")
    private Path workDir = Path.of("target", "bench", "work");

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Benchmark> selected = selected();
        double size = millions == null ? QUICK_MILLIONS : millions;
        if (!(size > 0 && size <= 200)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--size must be > 0 and <= 200 (millions of spans), got " + size);
        }
        String mode = millions == null ? "quick" : "full";
        Trial trial = new Trial(warmups, repetitions != null ? repetitions : millions == null ? 3 : 5);
        long spans = Math.round(size * 1_000_000);
        List<ResultRow> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        System.out.printf(Locale.ROOT, "bench/run (%s): %,d spans%n", mode, spans);
        try (BenchContext.SpanDataHolder data = new BenchContext.SpanDataHolder(spans, workDir);
             BenchContext.ReportDataSets reportData = new BenchContext.ReportDataSets(workDir)) {
            SparkSession spark = spark();
            try {
                for (Benchmark benchmark : selected) {
                    System.out.println("running " + benchmark.name() + ": " + benchmark.description());
                    BenchmarkReport report = benchmark.run(new BenchContext(spark, data, reportData, trial, spans,
                            millions == null, workDir));
                    rows.addAll(report.rows());
                    notes.addAll(report.notes());
                }
            } finally {
                spark.stop();
            }
        }
        notes.add("Arrow memory at the end: every source task's allocator, the raw client's and the stand-in server's "
                + "closed at zero (each closes only at zero bytes, so a leak would have failed the run).");
        String setup = setup(mode, spans, trial);
        ResultTable table = new ResultTable(rows);
        System.out.println();
        System.out.println(setup);
        System.out.println();
        System.out.print(table.text());
        System.out.println();
        notes.forEach(note -> System.out.println("- " + note));
        writeMarkdown(setup, table, notes);
        System.out.println();
        System.out.println("written to " + output.toAbsolutePath());
        return 0;
    }

    private List<Benchmark> selected() {
        if (only == null) {
            return SUITE;
        }
        List<Benchmark> selected = new ArrayList<>();
        for (String name : only) {
            selected.add(Stream.concat(SUITE.stream(), ON_REQUEST.stream()).filter(b -> b.name().equals(name)).findFirst()
                    .orElseThrow(() -> new CommandLine.ParameterException(new CommandLine(this),
                            "--only: unknown benchmark '" + name + "'; known: " + String.join(", ", new BenchmarkNames()))));
        }
        return selected;
    }

    private static String setup(String mode, long spans, Trial trial) {
        Runtime runtime = Runtime.getRuntime();
        return String.format(Locale.ROOT, "%s, %s version: %,d spans; %d warm-up + %d timed rounds, contenders "
                + "alternating, median reported; Spark local[2] (UI off, the job's settings), stand-in server in the same JVM; "
                + "%d cores, -Xmx%d m, Java %s, %s", LocalDate.now(ZoneOffset.UTC), mode, spans, trial.warmups(),
                trial.repetitions(), runtime.availableProcessors(), runtime.maxMemory() >> 20,
                System.getProperty("java.version"), ManagementFactory.getOperatingSystemMXBean().getName());
    }

    private void writeMarkdown(String setup, ResultTable table, List<String> notes) throws IOException {
        StringBuilder md = new StringBuilder("# Benchmark results\n\n").append(setup).append("\n\n")
                .append(table.markdown()).append('\n');
        notes.forEach(note -> md.append("- ").append(note).append('\n'));
        Path parent = output.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(output, md, StandardCharsets.UTF_8);
    }

    private static SparkSession spark() {
        return SparkSessions.job("frame-budgets-bench", builder -> builder.master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1"));
    }

    /** The suite's benchmark names, for --help and --only. */
    static final class BenchmarkNames extends ArrayList<String> {
        BenchmarkNames() {
            super(Stream.concat(SUITE.stream(), ON_REQUEST.stream()).map(Benchmark::name).toList());
        }
    }
}
