package framebudgets.standin.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelemetryGeneratorTest {

    private static final GeneratorSettings SMALL = GeneratorSettings.defaults()
            .withProcesses(2).withMinutes(1.5).withSpansPerFrame(300).withWorkers(3);

    @Test
    void sameSettingsGiveIdenticalData() throws SQLException {
        assertEquals(fingerprint(SMALL), fingerprint(SMALL));
        assertNotEquals(fingerprint(SMALL), fingerprint(SMALL.withSeed(7)));
    }

    @Test
    void framesAreGameThreadEngineTicksAtDepthOneNearTheTargetRate() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            TelemetryGenerator.Summary summary = TelemetryGenerator.generate(SMALL, connection);
            assertEquals(2, summary.processes().size());
            String stream = summary.processes().get(0).gameThreadStreamId().toString();
            range(connection, "2025-07-24 00:00:00", "2025-07-25 00:00:00");
            List<String> frames = rows(connection, "SELECT count(*) AS n, min(depth) AS d, max(depth) AS dmax, "
                    + "median(duration) AS med, max(duration) AS worst, min(parent) AS p "
                    + "FROM view_instance('thread_spans', '" + stream + "') WHERE name = 'FEngineLoop::Tick'",
                    "n", "d", "dmax", "med", "worst", "p");
            String[] f = frames.get(0).split("\\|");
            assertEquals(5400, Integer.parseInt(f[0]));
            assertEquals("1", f[1]);
            assertEquals("1", f[2]);
            assertEquals(16_666_666, Double.parseDouble(f[3]), 400_000);
            assertTrue(Long.parseLong(f[4]) > 26_000_000, "at least one GC hitch in 90 s");
            assertEquals("-1", f[5]);
            // every span is inside its parent and children are one level deeper
            assertEquals(List.of("0"), rows(connection, "SELECT count(*) AS n FROM mm_spans c JOIN mm_spans p "
                    + "ON c.stream_id = p.stream_id AND c.parent = p.id "
                    + "WHERE c.\"begin\" < p.\"begin\" OR c.\"end\" > p.\"end\" OR c.depth <> p.depth + 1", "n"));
            assertEquals(List.of("0"), rows(connection, "SELECT count(*) - count(DISTINCT (stream_id, id)) AS n FROM mm_spans", "n"));
        }
    }

    @Test
    void blocksFormContiguousRunsAndCountTheirEvents() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            TelemetryGenerator.generate(SMALL.withProcesses(1).withMinutes(4).withSampled(true), connection);
            List<String> r = rows(connection, "WITH b AS (SELECT stream_id, begin_ticks, end_ticks, nb_objects, "
                    + "object_offset, lag(end_ticks) OVER w AS prev_end, lag(object_offset + nb_objects) OVER w AS prev_next "
                    + "FROM blocks WINDOW w AS (PARTITION BY stream_id ORDER BY begin_ticks)) "
                    + "SELECT count(*) FILTER (WHERE prev_end IS NOT NULL AND prev_end <> begin_ticks) AS gaps, "
                    + "count(*) FILTER (WHERE prev_next > object_offset) AS bad_offsets, "
                    + "count(*) FILTER (WHERE nb_objects <= 0) AS empty_blocks FROM b", "gaps", "bad_offsets", "empty_blocks");
            String[] v = r.get(0).split("\\|");
            assertTrue(Integer.parseInt(v[0]) > 0, "sampling leaves gaps between runs: " + r);
            assertEquals("0", v[1]);
            range(connection, "2025-07-24 00:00:00", "2025-07-25 00:00:00");
            String stream = rows(connection, "SELECT stream_id FROM streams WHERE property_get(properties, 'thread-name') = 'GameThread'", "stream_id").get(0);
            assertEquals(rows(connection, "SELECT count(*) AS n FROM (SELECT DISTINCT "
                    + "sum(CASE WHEN prev_end = begin_ticks THEN 0 ELSE 1 END) OVER (ORDER BY begin_ticks) AS run FROM "
                    + "(SELECT begin_ticks, lag(end_ticks) OVER (ORDER BY begin_ticks) AS prev_end FROM blocks WHERE stream_id = '" + stream + "'))", "n"),
                    rows(connection, "SELECT count(*) AS n FROM view_instance('thread_spans', '" + stream + "') WHERE depth = 0", "n"));
        }
    }

    @Test
    void edgeCasesAddAProcessWithoutFramesAndAnEmptyProcess() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            TelemetryGenerator.Summary summary = TelemetryGenerator.generate(
                    SMALL.withProcesses(0).withEdgeCases(true), connection);
            assertEquals(List.of("no-frames", "empty"), summary.processes().stream().map(TelemetryGenerator.GeneratedProcess::kind).toList());
            assertEquals(List.of("2"), rows(connection, "SELECT count(*) AS n FROM processes", "n"));
            assertEquals(List.of("1"), rows(connection, "SELECT count(DISTINCT process_id) AS n FROM blocks", "n"));
            range(connection, "2025-07-24 00:00:00", "2025-07-25 00:00:00");
            assertEquals(List.of("0"), rows(connection, "SELECT count(*) AS n FROM view_instance('thread_spans', '"
                    + summary.processes().get(0).gameThreadStreamId() + "') WHERE name = 'FEngineLoop::Tick'", "n"));
        }
    }

    static String fingerprint(GeneratorSettings settings) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            TelemetryGenerator.generate(settings, connection);
            return String.join(";", rows(connection,
                    "SELECT (SELECT count(*) FROM mm_spans) AS n, "
                            + "(SELECT sum(hash(stream_id, id, parent, depth, \"begin\", \"end\", scope_id)) FROM mm_spans) AS s, "
                            + "(SELECT sum(hash(b)) FROM blocks b) AS b, (SELECT sum(hash(p)) FROM processes p) AS p",
                    "n", "s", "b", "p"));
        }
    }

    @Test
    void processesRunTheBuildsInTurnAndOnlyTheLastBuildsPhysicsIsSlower() throws SQLException {
        GeneratorSettings three = SMALL.withProcesses(3).withMinutes(0.25).withWorkers(0);
        String perProcess = "SELECT property_get(p.properties, 'build-version') AS build, count(*) AS frames, "
                + "sum(epoch_ns(s.\"end\") - epoch_ns(s.\"begin\")) FILTER (WHERE c.name = 'FEngineLoop::Tick') AS frame_time, "
                + "sum(epoch_ns(s.\"end\") - epoch_ns(s.\"begin\")) FILTER (WHERE c.name = 'TG_EndPhysics') AS physics "
                + "FROM mm_processes p JOIN mm_streams t ON t.process_id = p.process_id "
                + "JOIN mm_spans s ON s.stream_id = t.stream_id JOIN mm_scopes c ON c.scope_id = s.scope_id "
                + "WHERE c.name IN ('FEngineLoop::Tick', 'TG_EndPhysics') GROUP BY p.process_id, p.start_time, p.properties "
                + "ORDER BY p.start_time";
        List<String> before;
        List<String> after;
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            TelemetryGenerator.generate(three, connection);
            before = rows(connection, perProcess, "build", "frames", "frame_time", "physics");
        }
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            TelemetryGenerator.generate(three.withPhysicsRegressionMs(1.5), connection);
            after = rows(connection, perProcess, "build", "frames", "frame_time", "physics");
        }
        List<String> builds = before.stream().map(r -> r.split("\\|")[0]).toList();
        assertEquals(List.of("++MyGame+Main-CL-52210", "++MyGame+Main-CL-52345", "++MyGame+Main-CL-52210"), builds);
        for (int i = 0; i < 3; i++) {
            String[] was = before.get(i).split("\\|");
            String[] now = after.get(i).split("\\|");
            assertEquals(List.of(was[0], was[1], was[2]), List.of(now[0], now[1], now[2]), "frames keep their bounds");
            long frames = Long.parseLong(was[1]) / 2;
            double extraPerFrameMs = (Long.parseLong(now[3]) - Long.parseLong(was[3])) / 1e6 / frames;
            if (i == 1) {
                assertEquals(1.5, extraPerFrameMs, 0.1, "the last build's TG_EndPhysics is 1.5 ms slower per frame");
            } else {
                assertEquals(0.0, extraPerFrameMs, "the other build is untouched");
            }
        }
    }

    static void range(Connection connection, String begin, String end) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET VARIABLE query_range_begin = TIMESTAMP_NS '" + begin + "'");
            statement.execute("SET VARIABLE query_range_end = TIMESTAMP_NS '" + end + "'");
        }
    }

    static List<String> rows(Connection connection, String sql, String... columns) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                List<String> values = new ArrayList<>();
                for (String column : columns) {
                    values.add(rows.getString(column));
                }
                result.add(String.join("|", values));
            }
        }
        return result;
    }
}
