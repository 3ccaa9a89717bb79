package framebudgets.bench;

import framebudgets.config.ReportSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The whole report (every thread) on 1×, 4× and 16× the data, growing both ways (1 process ×
 * m minutes, 2 × 2m, 4 × 4m), and on the 16× size cut into 1 long process or 16 short ones. The
 * time ratio 16× / 1× must be at most 18 (linear, no quadratic corner). All sizes are served at
 * once and run alternately in the same trial (the quick version: one round, no warm-up).
 */
final class ScalingBenchmark implements Benchmark {

    static final String NAME = "scaling";
    /** Spans of the 1× size in the quick version (16× is then about 0.8 million). */
    private static final long QUICK_BASE_SPANS = 50_000;

    private record Shape(String label, int processes, double minutesFactor) {}

    private static final List<Shape> SHAPES = List.of(
            new Shape("1× (1 process × m min)", 1, 1),
            new Shape("4× (2 processes × 2m min)", 2, 2),
            new Shape("16× (4 processes × 4m min)", 4, 4),
            new Shape("16× as 1 process × 16m min", 1, 16),
            new Shape("16× as 16 processes × m min", 16, 1));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "whole report on 1x, 4x, 16x the data (more processes and minutes), and 16x as 1 vs 16 processes";
    }

    @Override
    public BenchmarkReport run(BenchContext context) throws Exception {
        long base = context.quick() ? QUICK_BASE_SPANS : Math.max(QUICK_BASE_SPANS, context.spans() / 16);
        double minutes = ReportData.minutesFor(base, 1);
        List<String> notes = new ArrayList<>();
        List<Contender> contenders = new ArrayList<>();
        for (Shape shape : SHAPES) {
            ReportData data = context.reportData(shape.processes(), minutes * shape.minutesFactor());
            ReportSettings settings = data.settings("all-threads", data.directory().resolve("out"));
            long spans = ReportBenchmark.countSpans(context.spark(), data, settings);
            ReportBenchmark.ReportRunner runner = new ReportBenchmark.ReportRunner(context.spark(), "all-threads", data,
                    "bench-scaling");
            contenders.add(new Contender(shape.label(), () -> {
                runner.run();
                return new Contender.Answer(spans, null);
            }));
            notes.add(String.format(Locale.ROOT, "scaling, %s: %d processes × %.2f min, %,d spans (generated in %.1f s).",
                    shape.label(), shape.processes(), minutes * shape.minutesFactor(), spans,
                    data.generation().toMillis() / 1000.0));
        }
        List<Measurement> measured = (context.quick() ? new Trial(0, 1) : context.trial()).run(contenders);
        Measurement one = measured.get(0);
        List<ResultRow> rows = new ArrayList<>();
        rows.add(ResultRow.baseline(NAME, one));
        rows.add(new ResultRow(NAME, measured.get(1), List.of(Comparison.timeAtMost(null, "1×", one))));
        rows.add(new ResultRow(NAME, measured.get(2), List.of(Comparison.timeAtMost(18.0, "1×", one))));
        rows.add(new ResultRow(NAME, measured.get(3), List.of(Comparison.timeAtMost(null, "1×", one),
                Comparison.timeAtMost(null, "16× (4 × 4m)", measured.get(2)))));
        rows.add(new ResultRow(NAME, measured.get(4), List.of(Comparison.timeAtMost(null, "1×", one),
                Comparison.timeAtMost(null, "16× (4 × 4m)", measured.get(2)))));
        notes.add("scaling: the report in all-threads mode; every run includes the job's fixed costs (discovery, "
                + "planning, eight Delta commits), which flatter the small sizes' time ratios; Mrows/s shows the "
                + "throughput at each size.");
        return new BenchmarkReport(rows, notes);
    }
}
