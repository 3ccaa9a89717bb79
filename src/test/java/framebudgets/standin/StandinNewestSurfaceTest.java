package framebudgets.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.standin.telemetry.JsonbProperties;
import framebudgets.standin.telemetry.ProcessInfo;
import framebudgets.standin.telemetry.Property;
import framebudgets.standin.telemetry.StreamInfo;
import framebudgets.standin.telemetry.TelemetryWriter;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The newest micromegas surface of the stand-in (its default) next to the 0.11 one, over real gRPC
 * on one database: JSONB properties, new columns, the blocks range rule, status codes, accepted
 * headers, and streams not materialized yet.
 */
class StandinNewestSurfaceTest {

    private static final long MS = 1_000_000L;
    private static final long T0 = 1_753_358_400_000_000_000L; // 2025-07-24T12:00:00Z
    private static final UUID PROCESS = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final UUID STREAM = UUID.fromString("00000000-0000-4000-8000-0000000000a1");
    private static final UUID FRESH_PROCESS = UUID.fromString("00000000-0000-4000-8000-000000000002");
    private static final UUID FRESH_STREAM = UUID.fromString("00000000-0000-4000-8000-0000000000a2");
    private static final List<Property> PROCESS_PROPERTIES =
            List.of(Property.of("build-version", "++MyGame+Main-CL-52345"), Property.of("Map", "L_Arena"));
    private static final Map<String, String> RANGE = range(T0, T0 + 10_000 * MS);

    private static StandinDatabase database;
    private static StandinServer newest;
    private static StandinServer old;
    private static StandinTestClient newestClient;
    private static StandinTestClient oldClient;
    private static long now;

    @BeforeAll
    static void start() throws Exception {
        database = StandinDatabase.inMemory();
        now = Instant.now().getEpochSecond() * 1_000_000_000L;
        try (Connection connection = database.newConnection(); TelemetryWriter writer = TelemetryWriter.open(connection)) {
            ProcessInfo process = new ProcessInfo(PROCESS, "Game.exe", "alice", "Alice", "PC-1", "Windows 11", "Ryzen",
                    1_000_000_000L, T0, 0, T0 + 10 * MS, "", PROCESS_PROPERTIES);
            writer.addProcess(process);
            writer.addStream(StreamInfo.cpuThread(STREAM, PROCESS, "GameThread", 7, T0 + 20 * MS));
            writer.addBlockRun(process, STREAM, 0, 10, T0, T0 + 1000 * MS, T0 + 2000 * MS);
            writer.addSpan(STREAM, 1, -1, 1, T0 + 10 * MS, T0 + 26 * MS, "FEngineLoop::Tick", "", "", 0);
            // Inserted just now: with a materialization lag, not in the materialized views yet.
            ProcessInfo fresh = new ProcessInfo(FRESH_PROCESS, "Game.exe", "bob", "Bob", "PC-2", "Windows 11", "Ryzen",
                    1_000_000_000L, now - 5_000 * MS, 0, now - 4_000 * MS, "", List.of());
            writer.addProcess(fresh);
            writer.addStream(StreamInfo.cpuThread(FRESH_STREAM, FRESH_PROCESS, "GameThread", 8, now - 4_000 * MS));
            writer.addBlockRun(fresh, FRESH_STREAM, 0, 10, now - 4_000 * MS, now - 3_000 * MS);
            writer.addSpan(FRESH_STREAM, 1, -1, 1, now - 3_900 * MS, now - 3_800 * MS, "FEngineLoop::Tick", "", "", 0);
        }
        newest = StandinServer.builder(database).materializationLag(Duration.ofHours(1)).start();
        old = StandinServer.builder(database).profile(MicromegasProfile.V0_11).start();
        newestClient = StandinTestClient.plaintext(newest, null);
        oldClient = StandinTestClient.plaintext(old, null);
    }

    @AfterAll
    static void stop() throws Exception {
        newestClient.close();
        oldClient.close();
        for (int i = 0; i < 50 && newest.allocatedBytes() + old.allocatedBytes() > 0; i++) {
            Thread.sleep(100); // a query thread may still be closing its last batch
        }
        assertEquals(0, newest.allocatedBytes());
        assertEquals(0, old.allocatedBytes());
        newest.close();
        old.close();
        database.close();
    }

    @Test
    void propertiesComeAsBinaryJsonbOnTheNewestSurfaceAndAsListsOn011() throws Exception {
        String sql = "SELECT properties FROM processes WHERE process_id = '" + PROCESS + "'";
        StandinTestClient.Rows jsonb = newestClient.query(sql, RANGE);
        assertEquals(ArrowType.Binary.INSTANCE, jsonb.schema().findField("properties").getType());
        assertEquals(Map.of("build-version", "++MyGame+Main-CL-52345", "Map", "L_Arena"),
                JsonbProperties.decodeToMap((byte[]) jsonb.value(0, 0)));
        assertEquals(JsonbProperties.encode(PROCESS_PROPERTIES).length, ((byte[]) jsonb.value(0, 0)).length);

        Field list = oldClient.query(sql, RANGE).schema().findField("properties");
        assertInstanceOf(ArrowType.List.class, list.getType());
        assertEquals("Property", list.getChildren().get(0).getName());

        StandinTestClient.Rows blocks = newestClient.query("SELECT \"streams.properties\", \"processes.properties\" "
                + "FROM blocks WHERE stream_id = '" + STREAM + "' LIMIT 1", RANGE);
        assertEquals(Map.of("thread-name", "GameThread", "thread-id", "7"),
                JsonbProperties.decodeToMap((byte[]) blocks.value(0, 0)));
        assertEquals(ArrowType.Binary.INSTANCE, blocks.schema().getFields().get(1).getType());
    }

    @Test
    void propertyGetMatchesKeysCaseInsensitivelyOnBothSurfacesAndJsonbFormatJsonIsNewest() throws Exception {
        String sql = "SELECT property_get(properties, 'BUILD-version') AS build FROM processes WHERE process_id = '"
                + PROCESS + "'";
        assertEquals("++MyGame+Main-CL-52345", newestClient.query(sql, RANGE).value(0, 0).toString());
        assertEquals("++MyGame+Main-CL-52345", oldClient.query(sql, RANGE).value(0, 0).toString());
        String json = "SELECT jsonb_format_json(properties) FROM processes WHERE process_id = '" + PROCESS + "'";
        assertEquals("{\"Map\":\"L_Arena\",\"build-version\":\"++MyGame+Main-CL-52345\"}",
                newestClient.query(json, RANGE).value(0, 0).toString());
        FlightRuntimeException missing = assertThrows(FlightRuntimeException.class, () -> oldClient.query(json, RANGE));
        assertEquals(FlightStatusCode.INTERNAL, missing.status().code());
    }

    @Test
    void newColumnsAreOnlyOnTheNewestSurface() throws Exception {
        List<String> processes = names(newestClient.query("SELECT * FROM processes LIMIT 0", RANGE));
        assertEquals(List.of("last_update_time", "last_block_end_ticks", "last_block_end_time", "audience"),
                processes.subList(processes.size() - 4, processes.size()));
        List<String> streams = names(newestClient.query("SELECT * FROM streams LIMIT 0", RANGE));
        assertEquals(streams.indexOf("last_update_time") - 1, streams.indexOf("format"));
        List<String> blocks = names(newestClient.query("SELECT * FROM blocks LIMIT 0", RANGE));
        assertEquals(blocks.indexOf("streams.insert_time") + 1, blocks.indexOf("streams.format"));
        assertEquals("audience", streams.get(streams.size() - 1), "0.30+: every row's audience, last");
        assertEquals("audience", blocks.get(blocks.size() - 1));
        assertEquals("public", newestClient.query("SELECT DISTINCT audience FROM blocks", RANGE).value(0, 0).toString());
        assertFalse(names(oldClient.query("SELECT * FROM streams LIMIT 0", RANGE)).contains("audience"));
        StandinTestClient.Rows last = newestClient.query("SELECT last_block_end_time, format FROM processes, streams "
                + "WHERE processes.process_id = '" + PROCESS + "' AND streams.stream_id = '" + STREAM + "'", RANGE);
        assertEquals(T0 + 2000 * MS, last.value(0, 0));
        assertEquals("micromegas-transit", last.value(0, 1).toString());
        assertFalse(names(oldClient.query("SELECT * FROM processes LIMIT 0", RANGE)).contains("last_block_end_time"));
        assertFalse(names(oldClient.query("SELECT * FROM blocks LIMIT 0", RANGE)).contains("streams.format"));
    }

    @Test
    void blocksRangeRuleIsOnInsertTimeSince029() throws Exception {
        // The first block [T0, T0+1s] is inserted 2 s after it ends (T0+3s); the second at T0+4s.
        Map<String, String> afterFirstInsert = range(T0 + 3500 * MS, T0 + 3600 * MS);
        String sql = "SELECT count(*) FROM blocks WHERE stream_id = '" + STREAM + "'";
        assertEquals(1L, newestClient.query(sql, afterFirstInsert).value(0, 0)); // begin <= end AND insert >= begin
        assertEquals(0L, oldClient.query(sql, afterFirstInsert).value(0, 0)); // begin <= end AND end >= begin
    }

    @Test
    void statusCodesFollowMicromegas029() throws Exception {
        FlightRuntimeException sql = assertThrows(FlightRuntimeException.class,
                () -> newestClient.query("SELECT nope FROM processes", RANGE));
        assertEquals(FlightStatusCode.INVALID_ARGUMENT, sql.status().code());
        assertTrue(sql.status().description().matches("(?s).*\\(query_id=[0-9a-f-]{36}\\)$"), sql.status().description());
        assertEquals(FlightStatusCode.INTERNAL, assertThrows(FlightRuntimeException.class,
                () -> oldClient.query("SELECT nope FROM processes", RANGE)).status().code());

        FlightRuntimeException noRange = assertThrows(FlightRuntimeException.class,
                () -> newestClient.query("SELECT * FROM view_instance('thread_spans', '" + STREAM + "')", Map.of()));
        assertEquals(FlightStatusCode.INTERNAL, noRange.status().code(), noRange.status().description());
        assertTrue(noRange.status().description().contains("query range mandatory"));

        FlightRuntimeException badRange = assertThrows(FlightRuntimeException.class,
                () -> newestClient.query("SELECT 1", Map.of("query_range_begin", "yesterday", "query_range_end", "today")));
        assertEquals(FlightStatusCode.INVALID_ARGUMENT, badRange.status().code());
    }

    @Test
    void acceptsAndIgnoresPreserveDictionaryAndClientHeaders() throws Exception {
        Map<String, String> headers = new java.util.HashMap<>(RANGE);
        headers.putAll(Map.of("preserve_dictionary", "true", "x-client-type", "python", "x-client-agent", "test/1",
                "x-client-session", "s-1", "x-client-entrypoint", "pytest"));
        StandinTestClient.Rows rows = newestClient.query("SELECT name FROM view_instance('thread_spans', '" + STREAM
                + "') WHERE depth > 0", headers);
        assertEquals(ArrowType.Utf8.INSTANCE, rows.schema().findField("name").getType());
        assertEquals("FEngineLoop::Tick", rows.value(0, 0).toString());
    }

    @Test
    void aStreamNotMaterializedYetIsInBlocksButNotInStreamsAndThreadSpansSaysStreamNotFound() throws Exception {
        Map<String, String> recent = range(now - 60_000 * MS, now + 60_000 * MS);
        assertEquals(1L, newestClient.query("SELECT count(*) FROM blocks WHERE stream_id = '" + FRESH_STREAM + "'", recent)
                .value(0, 0));
        assertEquals(0L, newestClient.query("SELECT count(*) FROM streams WHERE stream_id = '" + FRESH_STREAM + "'", recent)
                .value(0, 0));
        assertEquals(0L, newestClient.query("SELECT count(*) FROM processes WHERE process_id = '" + FRESH_PROCESS + "'",
                recent).value(0, 0));
        FlightRuntimeException late = assertThrows(FlightRuntimeException.class, () -> newestClient.query(
                "SELECT * FROM view_instance('thread_spans', '" + FRESH_STREAM + "')", recent));
        assertEquals(FlightStatusCode.INTERNAL, late.status().code());
        assertTrue(late.status().description().contains("Stream not found"), late.status().description());
        // Without a lag (and in 0.11) the same stream answers.
        assertEquals(2, oldClient.query("SELECT * FROM view_instance('thread_spans', '" + FRESH_STREAM + "')", recent)
                .rows().size());
    }

    private static List<String> names(StandinTestClient.Rows rows) {
        return rows.schema().getFields().stream().map(Field::getName).toList();
    }

    private static Map<String, String> range(long beginNs, long endNs) {
        return Map.of("query_range_begin", Instant.ofEpochSecond(0, beginNs).toString(),
                "query_range_end", Instant.ofEpochSecond(0, endNs).toString());
    }
}
