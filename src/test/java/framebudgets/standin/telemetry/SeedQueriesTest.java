package framebudgets.standin.telemetry;

import static framebudgets.standin.telemetry.TelemetryGeneratorTest.range;
import static framebudgets.standin.telemetry.TelemetryGeneratorTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.standin.DataFusionSqlDialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The exact SQL of micromegas' frame-budget client (contract §4.1, §4.3) on generated data. */
class SeedQueriesTest {

    private static Connection connection;
    private static TelemetryGenerator.Summary summary;

    @BeforeAll
    static void generate() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        summary = TelemetryGenerator.generate(GeneratorSettings.defaults().withProcesses(2).withMinutes(1)
                .withSpansPerFrame(200).withWorkers(2).withEdgeCases(true), connection);
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    @Test
    void mainThreadStreamThenTimeRangeThenFramesThenSpans() throws SQLException {
        TelemetryGenerator.GeneratedProcess game = summary.processes().get(0);
        range(connection, "2025-07-24 12:00:00", "2025-07-24 12:10:00");
        List<String> stream = rows(connection, "SELECT stream_id FROM blocks WHERE process_id = '" + game.processId()
                + "' AND property_get(\"streams.properties\", 'thread-name') = 'GameThread' LIMIT 1", "stream_id");
        assertEquals(List.of(game.gameThreadStreamId().toString()), stream);

        clearRange();
        List<String> span = rows(connection, "SELECT min(begin_time) as min_begin_time, max(end_time) as max_end_time "
                + "FROM blocks WHERE stream_id='" + stream.get(0) + "'", "min_begin_time", "max_end_time");
        assertEquals(1, span.size());

        range(connection, "2025-07-24 12:00:20", "2025-07-24 12:00:30");
        List<String> frames = rows(connection, DataFusionSqlDialect.toDuckDb("SELECT begin, end FROM view_instance("
                + "'thread_spans', '" + stream.get(0) + "') WHERE name = 'FEngineLoop::Tick' AND begin >= "
                + "'2025-07-24T12:00:20+00:00' AND end <= '2025-07-24T12:00:30.000000000Z' ORDER BY begin"), "begin", "end");
        assertTrue(frames.size() > 500 && frames.size() <= 600, "~60 frames per second over 10 s: " + frames.size());

        range(connection, "2025-07-24 12:00:21", "2025-07-24 12:00:22");
        List<String> spans = rows(connection, DataFusionSqlDialect.toDuckDb("SELECT name, name as budget, begin, end, "
                + "duration FROM view_instance('thread_spans', '" + stream.get(0) + "')"), "budget", "duration");
        assertTrue(spans.size() > 60 * 50, "a second of GameThread spans: " + spans.size());
        assertTrue(spans.stream().anyMatch(s -> s.startsWith("GameThread|")), "the synthetic root row is there");
    }

    @Test
    void processQueryBuilderListsGameProcessesWithAndWithoutRange() throws SQLException {
        String sql = "SELECT process_id, min(begin_time) as begin, max(end_time) as end, \"processes.exe\" as exe, "
                + "\"processes.properties\" as properties, \"processes.computer\" as computer, "
                + "\"processes.username\" as username, \"processes.cpu_brand\" as cpu_brand, \"processes.distro\" as distro "
                + "FROM blocks WHERE \"processes.exe\" = 'MyGame-Win64-Shipping.exe' AND \"end_time\" >= '2025-07-24T12:00:00+00:00' "
                + "AND \"begin_time\" <= '2025-07-24T13:00:00+00:00' AND array_has(\"streams.tags\",'cpu') "
                + "AND property_get(\"streams.properties\",'thread-name') = 'GameThread' "
                + "GROUP BY process_id, exe, properties, computer, username, cpu_brand, distro";
        clearRange();
        assertEquals(3, rows(connection, DataFusionSqlDialect.toDuckDb(sql), "process_id").size(),
                "two game processes and the one without frames; the empty process has no blocks");
        range(connection, "2025-07-24 12:00:00", "2025-07-24 12:00:20");
        assertEquals(2, rows(connection, DataFusionSqlDialect.toDuckDb(sql), "process_id").size(),
                "the second game process starts ~37 s later");
        List<String> start = rows(connection, "SELECT start_time FROM processes WHERE process_id = '"
                + summary.processes().get(0).processId() + "'", "start_time");
        assertEquals(1, start.size());
    }

    private static void clearRange() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET VARIABLE query_range_begin = CAST(NULL AS TIMESTAMP_NS)");
            statement.execute("SET VARIABLE query_range_end = CAST(NULL AS TIMESTAMP_NS)");
        }
    }
}
