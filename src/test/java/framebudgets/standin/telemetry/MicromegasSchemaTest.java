package framebudgets.standin.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MicromegasSchemaTest {

    private static final long T0 = 1_753_358_400_000_000_000L; // 2025-07-24T12:00:00Z
    private static final long MS = 1_000_000L;
    private static final UUID PROCESS = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final UUID STREAM = UUID.fromString("00000000-0000-4000-8000-0000000000a1");

    private Connection connection;

    @BeforeEach
    void fillHandMadeData() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        ProcessInfo process = new ProcessInfo(PROCESS, "MyGame-Win64-Shipping.exe", "alice", "Alice", "PC-1",
                "Windows 11", "AMD Ryzen 9", 3_000_000_000L, T0, 1_000L, T0 + 500 * MS, "",
                List.of(Property.of("Map", "L_Arena"), Property.of("map", "second")));
        try (TelemetryWriter writer = TelemetryWriter.open(connection)) {
            writer.addProcess(process);
            writer.addStream(StreamInfo.cpuThread(STREAM, PROCESS, "GameThread", 4242, T0 + 100 * MS));
            writer.addBlockRun(process, STREAM, 0, 100, T0, T0 + 1000 * MS, T0 + 2000 * MS);
            writer.addBlockRun(process, STREAM, 200, 100, T0 + 5000 * MS, T0 + 6000 * MS);
            writer.addSpan(STREAM, 1, -1, 1, T0 + 10 * MS, T0 + 26 * MS, "FEngineLoop::Tick", "Launch", "LaunchEngineLoop.cpp", 5000);
            writer.addSpan(STREAM, 2, 1, 2, T0 + 11 * MS, T0 + 12 * MS, "HeartBeat", "Launch", "LaunchEngineLoop.cpp", 5100);
            writer.addSpan(STREAM, 5, -1, 1, T0 + 5010 * MS, T0 + 5020 * MS, "FEngineLoop::Tick", "Launch", "LaunchEngineLoop.cpp", 5000);
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void blocksHaveTheMicromegasColumnsInOrder() throws SQLException {
        assertEquals(List.of(
                "block_id VARCHAR", "stream_id VARCHAR", "process_id VARCHAR", "begin_time TIMESTAMP_NS",
                "begin_ticks BIGINT", "end_time TIMESTAMP_NS", "end_ticks BIGINT", "nb_objects INTEGER",
                "object_offset BIGINT", "payload_size BIGINT", "insert_time TIMESTAMP_NS",
                "streams.dependencies_metadata BLOB", "streams.objects_metadata BLOB", "streams.tags VARCHAR[]",
                "streams.properties STRUCT(\"key\" VARCHAR, \"value\" VARCHAR)[]", "streams.insert_time TIMESTAMP_NS",
                "processes.start_time TIMESTAMP_NS", "processes.start_ticks BIGINT", "processes.tsc_frequency BIGINT",
                "processes.exe VARCHAR", "processes.username VARCHAR", "processes.realname VARCHAR",
                "processes.computer VARCHAR", "processes.distro VARCHAR", "processes.cpu_brand VARCHAR",
                "processes.insert_time TIMESTAMP_NS", "processes.parent_process_id VARCHAR",
                "processes.properties STRUCT(\"key\" VARCHAR, \"value\" VARCHAR)[]"),
                describe("SELECT * FROM blocks"));
    }

    @Test
    void processesAndStreamsHaveTheMicromegasColumnsInOrder() throws SQLException {
        assertEquals(List.of("process_id VARCHAR", "exe VARCHAR", "username VARCHAR", "realname VARCHAR",
                "computer VARCHAR", "distro VARCHAR", "cpu_brand VARCHAR", "tsc_frequency BIGINT",
                "start_time TIMESTAMP_NS", "start_ticks BIGINT", "insert_time TIMESTAMP_NS",
                "parent_process_id VARCHAR", "properties STRUCT(\"key\" VARCHAR, \"value\" VARCHAR)[]",
                "last_update_time TIMESTAMP_NS"), describe("SELECT * FROM processes"));
        assertEquals(List.of("stream_id VARCHAR", "process_id VARCHAR", "dependencies_metadata BLOB",
                "objects_metadata BLOB", "tags VARCHAR[]", "properties STRUCT(\"key\" VARCHAR, \"value\" VARCHAR)[]",
                "insert_time TIMESTAMP_NS", "last_update_time TIMESTAMP_NS"), describe("SELECT * FROM streams"));
    }

    @Test
    void threadSpansHaveTheElevenColumnsAndOneRootPerBlockRun() throws SQLException {
        setRange("2025-07-24 12:00:00", "2025-07-24 13:00:00");
        String sql = "SELECT * FROM view_instance('thread_spans', '" + STREAM + "') ORDER BY \"begin\", depth";
        assertEquals(List.of("id BIGINT", "parent BIGINT", "depth UINTEGER", "hash UINTEGER", "begin TIMESTAMP_NS",
                "end TIMESTAMP_NS", "duration BIGINT", "name VARCHAR", "target VARCHAR", "filename VARCHAR",
                "line UINTEGER"), describe(sql));
        assertEquals(List.of(
                "-1|0|0|GameThread||0|2000000000",
                "1|-1|1|FEngineLoop::Tick|Launch|5000|16000000",
                "2|1|2|HeartBeat|Launch|5100|1000000",
                "-1|0|0|GameThread||0|1000000000",
                "5|-1|1|FEngineLoop::Tick|Launch|5000|10000000"),
                rows(sql, "id", "parent", "depth", "name", "target", "line", "duration"));
    }

    @Test
    void threadSpansKeepSpansOverlappingTheRange() throws SQLException {
        setRange("2025-07-24 12:00:00.025", "2025-07-24 12:00:05.010");
        assertEquals(List.of("-1|0", "1|-1", "-1|0", "5|-1"),
                rows("SELECT * FROM view_instance('thread_spans', '" + STREAM + "') ORDER BY \"begin\", depth",
                        "id", "parent"));
    }

    @Test
    void threadSpansRefuseMissingRangeUnknownViewSetAndBadIds() throws SQLException {
        assertTrue(failure("SELECT * FROM view_instance('thread_spans', '" + STREAM + "')")
                .contains("query range mandatory for thread spans view"));
        setRange("2025-07-24 12:00:00", "2025-07-24 13:00:00");
        assertTrue(failure("SELECT * FROM view_instance('log_entries', '" + STREAM + "')").contains("'log_entries'"));
        assertTrue(failure("SELECT * FROM view_instance('thread_spans', 'not-a-uuid')").contains("'not-a-uuid'"));
        assertTrue(failure("SELECT * FROM view_instance('thread_spans', '" + UUID.randomUUID() + "')")
                .contains("not found"));
    }

    @Test
    void propertyGetMatchesKeysAsciiCaseInsensitivelyFirstMatchWins() throws SQLException {
        assertEquals(List.of("L_Arena|GameThread|4242|null"), rows(
                "SELECT property_get(\"processes.properties\", 'MAP') AS map, "
                        + "property_get(\"streams.properties\", 'Thread-Name') AS thread, "
                        + "property_get(\"streams.properties\", 'thread-id') AS tid, "
                        + "property_get(\"streams.properties\", 'absent') AS absent FROM blocks LIMIT 1",
                "map", "thread", "tid", "absent"));
        assertEquals(List.of("3"), rows("SELECT count(*) AS n FROM blocks WHERE array_has(\"streams.tags\", 'cpu')", "n"));
        assertNull(scalar("SELECT property_get([{'key': 'ÉTÉ', 'value': 'x'}], 'été')"));
    }

    @Test
    void rangeVariablesFilterBlocksProcessesAndStreams() throws SQLException {
        assertEquals(List.of("3"), rows("SELECT count(*) AS n FROM blocks", "n"));
        setRange("2025-07-24 12:00:01.5", "2025-07-24 12:00:04");
        assertEquals(List.of("1"), rows("SELECT count(*) AS n FROM blocks", "n"));
        assertEquals(List.of("1"), rows("SELECT count(*) AS n FROM processes", "n"));
        assertEquals(List.of("1"), rows("SELECT count(*) AS n FROM streams", "n"));
        setRange("2025-07-24 14:00:00", "2025-07-24 15:00:00");
        assertEquals(List.of("0|0|0"), rows("SELECT (SELECT count(*) FROM blocks) AS b, "
                + "(SELECT count(*) FROM processes) AS p, (SELECT count(*) FROM streams) AS s", "b", "p", "s"));
    }

    private void setRange(String begin, String end) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET VARIABLE query_range_begin = TIMESTAMP_NS '" + begin + "'");
            statement.execute("SET VARIABLE query_range_end = TIMESTAMP_NS '" + end + "'");
        }
    }

    private List<String> describe(String sql) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("DESCRIBE " + sql)) {
            while (rows.next()) {
                columns.add(rows.getString("column_name") + " " + rows.getString("column_type"));
            }
        }
        return columns;
    }

    private List<String> rows(String sql, String... columns) throws SQLException {
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

    private Object scalar(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getObject(1);
        }
    }

    private String failure(String sql) {
        return assertThrows(SQLException.class, () -> rows(sql)).getMessage();
    }
}
