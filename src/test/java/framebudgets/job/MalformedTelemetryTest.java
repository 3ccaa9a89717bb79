package framebudgets.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import framebudgets.config.ReportSettings;
import framebudgets.config.ReportWindow;
import framebudgets.config.SettingsLoader;
import framebudgets.micromegas.TelemetryReader;
import framebudgets.report.DataIssues;
import framebudgets.report.DuplicateSpans;
import framebudgets.report.Telemetry;
import framebudgets.report.ThreadMode;
import framebudgets.standin.StandinDatabase;
import framebudgets.standin.StandinServer;
import framebudgets.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed telemetry end to end: {@link EdgeCaseTelemetry} (which has overlapping frames, legal)
 * in the stand-in, reported once; then spans that end before they begin, one of them a frame,
 * are added to the stand-in's storage with plain SQL ({@code TelemetryWriter} refuses them, the
 * stand-in's tables do not) and the window is reported again. Every table of the second run
 * equals the first's, its run log counts the bad rows under {@code data_issues}, and the run warns.
 * (Null names and times, which the stand-in cannot store, are covered by DataIssuesTest.) And a
 * re-sent block: its spans stored twice are kept, and the copies counted.
 */
class MalformedTelemetryTest {
    private static final List<String> TABLES = List.of("frame_stats", "aggregates_by_process", "aggregates_by_exe",
            "top_offenders", "frames_by_process", "frames_by_exe", "budget_changes");

    @TempDir
    Path temp;

    @Test
    void reversedSpansAndFramesAreDroppedAndCountedInTheRunLog() throws Exception {
        SparkSession spark = SharedSpark.get();
        try (StandinDatabase database = StandinDatabase.inMemory()) {
            GroundTruth truth;
            try (Connection connection = database.newConnection()) {
                EdgeCaseTelemetry.write(connection, 7L);
                truth = new GroundTruth(connection);
            }
            try (StandinServer server = StandinServer.builder(database).strict(true).start()) {
                ReportRun clean = run(server, "clean");
                clean.run();
                try (Connection connection = database.newConnection(); Statement s = connection.createStatement()) {
                    addReversedSpans(s);
                }
                ReportRun malformed = run(server, "malformed");
                List<String> warnings;
                try (CapturedLog captured = CapturedLog.of("framebudgets.job")) {
                    assertEquals("ok", malformed.run().status());
                    warnings = captured.warnings();
                }

                for (String table : TABLES) {
                    List<Row> expected = rows(spark, "clean", table);
                    assertEquals(expected, rows(spark, "malformed", table), table + ": the same as without the bad rows");
                    assertTrue(!expected.isEmpty() || table.equals("budget_changes"), table);
                }

                Telemetry read = truth.run(EdgeCaseTelemetry.epochNanos(EdgeCaseTelemetry.FROM),
                        EdgeCaseTelemetry.epochNanos(EdgeCaseTelemetry.TO), TelemetryReader.FRAME_OVERRUN.toNanos(),
                        EdgeCaseTelemetry.FRAME, EdgeCaseTelemetry.MAIN_THREAD, ThreadMode.ALL_THREADS).telemetry();
                Map<String, Long> oddities = frameIssues(read);
                assertTrue(oddities.get(DataIssues.OVERLAPPING_FRAMES) > 0, "the data has overlapping frames");
                oddities.put(DuplicateSpans.DUPLICATE_SPANS, duplicateSpans(read));
                assertTrue(oddities.get(DuplicateSpans.DUPLICATE_SPANS) > 0, "the data has identical spans");
                assertEquals(oddities, dataIssues(spark, "clean"), "a clean run counts the legal oddities only");
                Map<String, Long> withBadRows = new TreeMap<>(oddities);
                withBadRows.put(DataIssues.INVALID_SPAN_TIMES, 3L);
                withBadRows.put(DataIssues.INVALID_FRAMES, 1L);
                assertEquals(withBadRows, dataIssues(spark, "malformed"),
                        "two reversed spans and a reversed frame (a span of the main thread too)");
                assertTrue(warnings.stream().anyMatch(w -> w.contains("invalid_span_times=3")), warnings.toString());
            }
        }
    }

    /**
     * Spans of p1's main thread stored twice (as when a client re-sends a block that had landed):
     * its spans are kept and each copy counts (the frame stats count more spans than a clean run's),
     * and the run log counts the copies under {@code duplicate_spans}.
     */
    @Test
    void aResentBlockIsKeptAndItsCopiesAreCountedInTheRunLog() throws Exception {
        SparkSession spark = SharedSpark.get();
        try (StandinDatabase database = StandinDatabase.inMemory()) {
            try (Connection connection = database.newConnection()) {
                EdgeCaseTelemetry.write(connection, 7L);
            }
            try (StandinServer server = StandinServer.builder(database).strict(true).start()) {
                run(server, "clean").run();
                long copies;
                try (Connection connection = database.newConnection(); Statement s = connection.createStatement()) {
                    copies = resendABlock(s);
                }
                assertTrue(copies > 1, "the block has spans");
                assertEquals("ok", run(server, "resent").run().status());

                Map<String, Long> expected = new TreeMap<>(dataIssues(spark, "clean"));
                expected.merge(DuplicateSpans.DUPLICATE_SPANS, copies, Long::sum);
                assertEquals(expected, dataIssues(spark, "resent"));
                assertTrue(spansInFrames(spark, "resent") > spansInFrames(spark, "clean"), "the copies count in their frames");
            }
        }
    }

    /**
     * Stores again the spans of p1's main thread inside its first frame of the window (not the frame
     * itself, nor the synthetic depth-0 rows); returns how many.
     */
    private static long resendABlock(Statement s) throws Exception {
        String main = "stream_id = '" + EdgeCaseTelemetry.uuid(1, 0xa1) + "'";
        String frame = "(SELECT scope_id FROM mm_scopes WHERE name = '" + EdgeCaseTelemetry.FRAME + "')";
        String block = "FROM mm_spans, (SELECT \"begin\" AS b, \"end\" AS e FROM mm_spans WHERE " + main
                + " AND scope_id IN " + frame + " AND \"begin\" >= make_timestamp_ns("
                + EdgeCaseTelemetry.epochNanos(EdgeCaseTelemetry.FROM) + ") ORDER BY \"begin\" LIMIT 1) AS f WHERE " + main
                + " AND depth > 0 AND scope_id NOT IN " + frame + " AND \"begin\" >= f.b AND \"end\" <= f.e";
        long spans;
        try (ResultSet rows = s.executeQuery("SELECT count(*) " + block)) {
            rows.next();
            spans = rows.getLong(1);
        }
        s.execute("INSERT INTO mm_spans SELECT mm_spans.* " + block);
        return spans;
    }

    private long spansInFrames(SparkSession spark, String root) {
        return spark.read().format("delta").load(temp.resolve(root).resolve("frame_stats").toString())
                .agg(sum("count_in_frame")).head().getLong(0);
    }

    /** On p1's main thread, inside its first frame in the window: a budgeted span and a frame that end before they begin; one on a worker. */
    private static void addReversedSpans(Statement s) throws Exception {
        String main = EdgeCaseTelemetry.uuid(1, 0xa1).toString();
        String worker = EdgeCaseTelemetry.uuid(1, 0xa2).toString();
        long from = EdgeCaseTelemetry.epochNanos(EdgeCaseTelemetry.FROM);
        insert(s, main, 900_001, 1, from + 5_000_000, from + 2_000_000, "Tick Time");
        insert(s, main, 900_002, 1, from + 3_000_000, from + 1_000_000, EdgeCaseTelemetry.FRAME);
        insert(s, worker, 900_003, 1, from + 9_000_000, from + 4_000_000, "BT Tick");
    }

    private static void insert(Statement s, String stream, long id, int depth, long begin, long end, String name) throws Exception {
        s.execute("INSERT INTO mm_spans SELECT '" + stream + "', " + id + ", 0, " + depth + ", make_timestamp_ns(" + begin
                + "), make_timestamp_ns(" + end + "), min(scope_id) FROM mm_scopes WHERE name = '" + name + "'");
    }

    /** Spans beyond the first with the same stream, name, begin and end, worked out in plain Java (as {@link DuplicateSpans} defines them). */
    private static long duplicateSpans(Telemetry telemetry) {
        Set<List<Object>> seen = new HashSet<>();
        return telemetry.spans().stream()
                .filter(sp -> !seen.add(List.of(sp.processId(), sp.streamId(), sp.name(), sp.begin(), sp.end())))
                .count();
    }

    /** Duplicate and overlapping frames worked out in plain Java (as {@link DataIssues} defines them). */
    private static Map<String, Long> frameIssues(Telemetry telemetry) {
        Map<List<String>, TreeSet<long[]>> byStream = new TreeMap<>(Comparator.comparing(Object::toString));
        long duplicates = 0;
        for (Telemetry.Frame f : telemetry.frames()) {
            boolean added = byStream.computeIfAbsent(List.of(f.processId(), f.streamId()),
                    k -> new TreeSet<>(Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> a[1])))
                    .add(new long[] {f.begin(), f.end()});
            duplicates += added ? 0 : 1;
        }
        long overlapping = 0;
        for (TreeSet<long[]> frames : byStream.values()) {
            long latestEnd = Long.MIN_VALUE;
            for (long[] f : frames) {
                overlapping += f[0] < latestEnd ? 1 : 0;
                latestEnd = Math.max(latestEnd, f[1]);
            }
        }
        Map<String, Long> issues = new TreeMap<>();
        if (duplicates > 0) {
            issues.put(DataIssues.DUPLICATE_FRAMES, duplicates);
        }
        if (overlapping > 0) {
            issues.put(DataIssues.OVERLAPPING_FRAMES, overlapping);
        }
        return issues;
    }

    private ReportRun run(StandinServer server, String name) throws Exception {
        Map<String, Object> fb = new LinkedHashMap<>();
        fb.put("source", Map.of("uri", server.uri().toString(), "token-env", ""));
        fb.put("window", Map.of("from", EdgeCaseTelemetry.FROM.toString(), "to", EdgeCaseTelemetry.TO.toString()));
        fb.put("frames", Map.of("span-name", EdgeCaseTelemetry.FRAME, "main-thread", EdgeCaseTelemetry.MAIN_THREAD));
        fb.put("threads", "all-threads");
        fb.put("group-by", "budget");
        fb.put("budgets", EdgeCaseTelemetry.BUDGETS);
        fb.put("other-budget", "Other");
        fb.put("output", Map.of("root", temp.resolve(name).toString(), "frame-stats", true, "html-report", false));
        Path file = Files.createTempFile(temp, name, ".conf");
        Files.writeString(file, ConfigValueFactory.fromMap(Map.of("framebudgets", fb))
                .render(ConfigRenderOptions.defaults().setOriginComments(false)));
        ReportSettings settings = SettingsLoader.load(file);
        ReportWindow window = ReportWindow.resolve(settings.window(), null, null, null, Clock.systemUTC());
        return new ReportRun(SharedSpark.get(), settings, window, name);
    }

    /** A table's rows without run_id, sorted. */
    private List<Row> rows(SparkSession spark, String root, String table) {
        Dataset<Row> df = spark.read().format("delta").load(temp.resolve(root).resolve(table).toString()).drop("run_id");
        String[] columns = df.columns();
        return df.orderBy(columns[0], java.util.Arrays.copyOfRange(columns, 1, columns.length)).collectAsList();
    }

    private Map<String, Long> dataIssues(SparkSession spark, String root) {
        List<Row> log = spark.read().format("delta").load(temp.resolve(root).resolve("run_log").toString())
                .where(col("status").equalTo("ok")).collectAsList();
        assertEquals(1, log.size());
        assertFalse(log.get(0).isNullAt(log.get(0).fieldIndex("data_issues")));
        return new TreeMap<>(log.get(0).<String, Long>getJavaMap(log.get(0).fieldIndex("data_issues")));
    }
}
