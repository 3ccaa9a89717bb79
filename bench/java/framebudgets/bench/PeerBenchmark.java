package framebudgets.bench;

import framebudgets.config.ReportSettings;
import framebudgets.micromegas.TelemetryReader;
import framebudgets.report.BudgetMap;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The single-machine tool a user would pick instead: the same report (frame stats, aggregates by
 * process and by executable, top offenders; all threads, {@code conf/budgets-unreal.conf}) computed
 * by DuckDB with SQL written apart from the job ({@link PeerReportSql}) over the very data the
 * stand-in serves, in the same JVM, against the whole job ({@code ReportRun} in this JVM's Spark
 * session, reading through the stand-in), in the same trial. After the trial the job's Delta tables
 * of its last run and DuckDB's tables are compared row for row (every column, doubles exactly); a
 * difference shows as "values differ" on the job's row. Target from issue 14: the job at most 1.5×
 * DuckDB's time at 10M spans. With {@code --size N} it runs at N and 4N spans and reports the
 * marginal throughput of both between them (the slope: extra spans over extra time).
 */
final class PeerBenchmark implements Benchmark {

    static final String NAME = "peer";
    private static final int PROCESSES = 4;
    private static final long QUICK_SPANS = 1_000_000;
    private static final double TARGET_RATIO = 1.5;
    private static final double TARGET_MSPANS_PER_SECOND = 1.0;

    /** The four tables' row digests: equal answers mean equal rows. */
    record Tables(String frameStats, String aggregatesByProcess, String aggregatesByExe, String topOffenders) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the same report (all threads) by DuckDB SQL over the same data vs the whole job; rows compared; slope N -> 4N with --size";
    }

    @Override
    public BenchmarkReport run(BenchContext context) throws Exception {
        List<ResultRow> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Long> sizes = context.quick() ? List.of(QUICK_SPANS) : List.of(context.spans(), 4 * context.spans());
        List<Measurement[]> bySize = new ArrayList<>();
        for (long spans : sizes) {
            Measurement[] measured = atSize(context, spans, notes);
            bySize.add(measured);
            rows.add(ResultRow.baseline(NAME, measured[0]));
            rows.add(new ResultRow(NAME, measured[1], List.of(Comparison.timeAtMost(TARGET_RATIO, "DuckDB", measured[0]))));
        }
        if (bySize.size() == 2) {
            for (int i = 0; i < 2; i++) {
                Measurement small = bySize.get(0)[i];
                Measurement large = bySize.get(1)[i];
                long extraSpans = large.rows() - small.rows();
                long extraNanos = Math.round((large.medianSeconds() - small.medianSeconds()) * 1e9);
                String who = i == 0 ? "DuckDB" : "whole job";
                Measurement slope = new Measurement(new Contender(String.format(Locale.ROOT,
                        "%s, marginal: %,d → %,d spans (extra spans / extra median time)", who, small.rows(), large.rows()),
                        () -> null), new Contender.Answer(extraSpans, null), List.of(Math.max(1, extraNanos)));
                double perCore = slope.millionRowsPerSecond() / Runtime.getRuntime().availableProcessors();
                rows.add(new ResultRow(NAME, slope, List.of(Comparison.millionRowsPerSecondAtLeast(i == 1 ? TARGET_MSPANS_PER_SECOND : null,
                        String.format(Locale.ROOT, "on %d cores (%.2f M/s/core)", Runtime.getRuntime().availableProcessors(), perCore)))));
            }
        }
        notes.add("peer: DuckDB runs the SQL of PeerReportSql on a connection of the stand-in's own database (file-backed, "
                + "memory limit as BENCH_DUCKDB_MEMORY, DuckDB's default threads = cores), results into temporary tables "
                + "(no files written); the job runs ReportRun in the benchmark's Spark session (local[2]) reading through the "
                + "stand-in (Flight SQL), and writes its Delta tables, each run into a new output folder. Both share the 2 cores "
                + "with nothing else of the suite; the rows are compared after the trial, untimed.");
        return new BenchmarkReport(rows, notes);
    }

    /** DuckDB and the job at one size: [DuckDB, job], their answers the tables' digests. */
    private Measurement[] atSize(BenchContext context, long spans, List<String> notes) throws Exception {
        ReportData data = context.reportData(PROCESSES, ReportData.minutesFor(spans, PROCESSES));
        ReportSettings settings = data.settings("all-threads", data.directory().resolve("out-peer"));
        BudgetMap.of(settings.budgets());
        long read = ReportBenchmark.countSpans(context.spark(), data, settings);
        try (Connection duck = data.database().newConnection()) {
            prepare(duck, settings);
            List<String> statements = PeerReportSql.report(settings, data.window(),
                    data.window().to().plus(TelemetryReader.FRAME_OVERRUN));
            Contender duckdb = new Contender("DuckDB SQL, same report, all threads", () -> {
                runDuckDb(duck, statements);
                return new Contender.Answer(read, null);
            });
            ReportBenchmark.ReportRunner runner = new ReportBenchmark.ReportRunner(context.spark(), "all-threads", data, "bench-peer");
            Contender job = new Contender("whole report (Spark job), all threads", () -> {
                runner.run();
                return new Contender.Answer(read, null);
            });
            Trial trial = context.quick() ? new Trial(1, 2) : context.trial();
            List<Measurement> measured = trial.run(List.of(duckdb, job));
            checkBudgetMap(duck, settings);
            Map<String, String> duckDigests = new LinkedHashMap<>();
            Map<String, String> jobDigests = new LinkedHashMap<>();
            List<String> comparison = new ArrayList<>();
            for (String table : PeerReportSql.TABLES) {
                ReportTableRows fromDuck = ReportTableRows.ofDuckDb(duck, table);
                ReportTableRows fromJob = ReportTableRows.ofDelta(context.spark(), runner.lastSettings().output(), table,
                        data.window().reportDate());
                duckDigests.put(table, fromDuck.digest());
                jobDigests.put(table, fromJob.digest());
                comparison.add(fromJob.compareWith(fromDuck));
            }
            notes.add(String.format(Locale.ROOT, "peer, %,d spans read (%d processes × %.2f min, all threads): the job's tables "
                    + "against DuckDB's, row for row: %s. The job's last run launched %s.", read, PROCESSES,
                    ReportData.minutesFor(spans, PROCESSES), String.join("; ", comparison), runner.lastJobs()));
            return new Measurement[] {withTables(measured.get(0), duckDigests), withTables(measured.get(1), jobDigests)};
        }
    }

    private static Measurement withTables(Measurement m, Map<String, String> digests) {
        Tables tables = new Tables(digests.get("frame_stats"), digests.get("aggregates_by_process"),
                digests.get("aggregates_by_exe"), digests.get("top_offenders"));
        return new Measurement(m.contender(), new Contender.Answer(m.rows(), tables), m.nanos());
    }

    /** The rule and target tables from the config: one row per (budget, pattern), per budget target. */
    private static void prepare(Connection duck, ReportSettings settings) throws SQLException {
        try (Statement statement = duck.createStatement()) {
            for (String sql : PeerReportSql.setup()) {
                statement.execute(sql);
            }
        }
        try (PreparedStatement rule = duck.prepareStatement("INSERT INTO peer_budget_rule VALUES (?, ?)");
             PreparedStatement target = duck.prepareStatement("INSERT INTO peer_target VALUES (?, ?)")) {
            for (Map.Entry<String, List<String>> budget : settings.budgets().entrySet()) {
                for (String pattern : budget.getValue()) {
                    rule.setString(1, budget.getKey());
                    rule.setString(2, pattern);
                    rule.executeUpdate();
                }
            }
            for (Map.Entry<String, java.time.Duration> t : settings.targets().budgets().entrySet()) {
                target.setString(1, t.getKey());
                target.setLong(2, t.getValue().toNanos());
                target.executeUpdate();
            }
        }
    }

    private static void runDuckDb(Connection duck, List<String> statements) throws SQLException {
        try (Statement statement = duck.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
            try (ResultSet conflicts = statement.executeQuery(PeerReportSql.conflicts())) {
                if (conflicts.next()) {
                    throw new IllegalStateException("budgets: span name '" + conflicts.getString(1)
                            + "' matches globs of two budgets (the job fails on it too)");
                }
            }
        }
    }

    /** The SQL name-to-budget table must agree with the job's BudgetMap on every span name (else the rows would differ). */
    private static void checkBudgetMap(Connection duck, ReportSettings settings) throws SQLException {
        BudgetMap map = BudgetMap.of(settings.budgets());
        String other = settings.otherBudget().isEmpty() ? null : settings.otherBudget();
        try (Statement statement = duck.createStatement();
             ResultSet names = statement.executeQuery("SELECT name, budget FROM peer_budget_of_name")) {
            while (names.next()) {
                String expected = map.budgetOf(names.getString(1));
                expected = expected == null ? other : expected;
                if (!java.util.Objects.equals(expected, names.getString(2))) {
                    throw new IllegalStateException("peer: the SQL budget of span name '" + names.getString(1) + "' is "
                            + names.getString(2) + ", the BudgetMap's " + expected);
                }
            }
        }
    }
}
