package framebudgets.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The micromegas query path of the stand-in over real gRPC: tickets, headers, types, errors, cancel. */
class StandinServerQueryTest {

    private static final String KEY = "query-test-key";
    private static final long TS0 = 1_700_000_000_123_456_789L;

    private static StandinDatabase database;
    private static StandinServer server;
    private static StandinTestClient client;

    @BeforeAll
    static void start() throws Exception {
        database = StandinDatabase.inMemory();
        database.execute("""
                CREATE TABLE spans AS SELECT
                  range::BIGINT AS id,
                  (range %% 5)::UINTEGER AS depth,
                  'span-' || range AS name,
                  make_timestamp_ns(%d + range) AS "begin",
                  [{'key': 'thread-name', 'value': 'GameThread'}] AS properties,
                  ['cpu'] AS tags,
                  'ab'::BLOB AS payload,
                  (range / 4)::DECIMAL(10, 2) AS ratio,
                  range / 2.0 AS half,
                  range %% 2 = 0 AS even
                FROM range(20000)""".formatted(TS0));
        database.execute("CREATE TYPE level AS ENUM ('info', 'warn'); "
                + "CREATE TABLE logs AS SELECT 'warn'::level AS lvl, 1 AS n");
        server = StandinServer.builder(database).apiKeys(Map.of("tests", KEY)).profile(MicromegasProfile.V0_11).start();
        client = StandinTestClient.plaintext(server, KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        assertEquals(0, server.allocatedBytes());
        server.close();
        database.close();
    }

    @Test
    void getFlightInfoOnlyWrapsTheSqlInAnAnyTicket() throws Exception {
        FlightInfo info = client.sql.execute("SELECT garbage FROM nowhere", client.headers(Map.of()));

        assertEquals(new Schema(List.of()), info.getSchemaOptional().orElseThrow());
        assertEquals(1, info.getEndpoints().size());
        FlightEndpoint endpoint = info.getEndpoints().get(0);
        assertTrue(endpoint.getLocations().isEmpty());
        Any ticket = Any.parseFrom(endpoint.getTicket().getBytes());
        assertEquals("SELECT garbage FROM nowhere",
                ticket.unpack(TicketStatementQuery.class).getStatementHandle().toStringUtf8());
    }

    @Test
    void streamsDuckDbResultsWithMicromegasTypes() throws Exception {
        StandinTestClient.Rows result = client.query(
                "SELECT id, depth, name, \"begin\", properties, tags, payload, ratio, half, even FROM spans ORDER BY id");

        Schema schema = result.schema();
        assertEquals(new ArrowType.Int(64, true), type(schema, "id"));
        assertEquals(new ArrowType.Int(32, false), type(schema, "depth"));
        assertEquals(ArrowType.Utf8.INSTANCE, type(schema, "name"));
        assertEquals(new ArrowType.Timestamp(TimeUnit.NANOSECOND, "+00:00"), type(schema, "begin"));
        Field properties = schema.findField("properties");
        assertEquals("Property", properties.getChildren().get(0).getName());
        assertEquals(List.of("key", "value"),
                properties.getChildren().get(0).getChildren().stream().map(Field::getName).toList());
        assertEquals("item", schema.findField("tags").getChildren().get(0).getName());
        assertEquals(ArrowType.Binary.INSTANCE, type(schema, "payload"));
        assertEquals(new ArrowType.Decimal(10, 2, 128), type(schema, "ratio"));
        assertEquals(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), type(schema, "half"));
        assertEquals(ArrowType.Bool.INSTANCE, type(schema, "even"));

        assertEquals(20000, result.rows().size());
        assertEquals(3, result.batches(), "DuckDB batches of 8192 rows");
        assertEquals(List.of(7L, 2, new Text("span-7"), TS0 + 7), result.rows().get(7).subList(0, 4));
        assertEquals("[{\"key\":\"thread-name\",\"value\":\"GameThread\"}]", result.value(7, 4).toString());
        assertEquals(new BigDecimal("1.75"), result.value(7, 7));
        assertEquals(3.5, result.value(7, 8));
        assertEquals(false, result.value(7, 9));
        assertEquals(List.of((byte) 'a', (byte) 'b'), List.of(((byte[]) result.value(7, 6))[0], ((byte[]) result.value(7, 6))[1]));
    }

    @Test
    void hydratesEnumColumnsToPlainStrings() throws Exception {
        StandinTestClient.Rows result = client.query("SELECT lvl FROM logs");

        assertEquals(ArrowType.Utf8.INSTANCE, type(result.schema(), "lvl"));
        assertNull(result.schema().findField("lvl").getDictionary());
        assertEquals(new Text("warn"), result.value(0, 0));
    }

    @Test
    void anEmptyResultStillSendsItsSchema() throws Exception {
        StandinTestClient.Rows result = client.query("SELECT id, \"begin\" FROM spans WHERE id < 0");

        assertEquals(0, result.rows().size());
        assertEquals(List.of("id", "begin"), result.schema().getFields().stream().map(Field::getName).toList());
        assertEquals(new ArrowType.Timestamp(TimeUnit.NANOSECOND, "+00:00"), type(result.schema(), "begin"));
    }

    @Test
    void limitHeaderCutsTheResult() throws Exception {
        assertEquals(3, client.query("SELECT id FROM spans;", Map.of("limit", "3")).rows().size());
        assertEquals(20000, client.query("SELECT id FROM spans", Map.of("limit", "")).rows().size());

        FlightRuntimeException bad = assertThrows(FlightRuntimeException.class,
                () -> client.query("SELECT id FROM spans", Map.of("limit", "-1")));
        assertEquals(FlightStatusCode.INTERNAL, bad.status().code());
        assertTrue(bad.getMessage().startsWith("error parsing limit: "), bad.getMessage());
        FlightRuntimeException word = assertThrows(FlightRuntimeException.class,
                () -> client.query("SELECT id FROM spans", Map.of("limit", "ten")));
        assertTrue(word.getMessage().startsWith("error parsing limit: "), word.getMessage());
    }

    @Test
    void rangeHeadersBecomeDuckDbVariables() throws Exception {
        String sql = "SELECT getvariable('query_range_begin') AS b, getvariable('query_range_end') AS e";
        StandinTestClient.Rows utc = client.query(sql, Map.of(
                "query_range_begin", "2023-11-14T22:13:20.123456789Z",
                "query_range_end", "2023-11-15T00:13:20.5+02:00"));
        assertEquals(new ArrowType.Timestamp(TimeUnit.NANOSECOND, "+00:00"), type(utc.schema(), "b"));
        assertEquals(TS0, utc.value(0, 0));
        assertEquals(nanos(Instant.parse("2023-11-14T22:13:20.5Z")), utc.value(0, 1));

        for (Map<String, String> noRange : List.of(Map.<String, String>of(),
                Map.of("query_range_begin", "2023-11-14T22:13:20Z"),
                Map.of("query_range_begin", "2023-11-14T22:13:20Z", "query_range_end", ""))) {
            StandinTestClient.Rows none = client.query(sql, noRange);
            assertNull(none.value(0, 0), noRange.toString());
            assertNull(none.value(0, 1), noRange.toString());
        }

        FlightRuntimeException bad = assertThrows(FlightRuntimeException.class, () -> client.query(sql,
                Map.of("query_range_begin", "yesterday", "query_range_end", "2023-11-14T22:13:20Z")));
        assertEquals(FlightStatusCode.INTERNAL, bad.status().code());
        assertTrue(bad.getMessage().startsWith("Unable to parse query_range_begin as a rfc3339 datetime: "),
                bad.getMessage());
    }

    @Test
    void concurrentRequestsEachSeeTheirOwnRange() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Boolean>> checks = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                Instant begin = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i);
                Instant end = begin.plusNanos(1 + i);
                checks.add(pool.submit(() -> {
                    StandinTestClient.Rows rows = client.query(
                            "SELECT DISTINCT getvariable('query_range_begin') AS b, getvariable('query_range_end') AS e "
                                    + "FROM range(50000)",
                            Map.of("query_range_begin", begin.toString(), "query_range_end", end.toString()));
                    return rows.rows().equals(List.of(List.of(nanos(begin), nanos(end))));
                }));
            }
            for (Future<Boolean> check : checks) {
                assertTrue(check.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void sqlErrorsReachTheClientIntact() {
        FlightRuntimeException error = assertThrows(FlightRuntimeException.class,
                () -> client.query("SELECT * FROM no_such_table"));

        assertEquals(FlightStatusCode.INTERNAL, error.status().code());
        assertTrue(error.getMessage().startsWith("error building dataframe: Catalog Error"), error.getMessage());
        assertTrue(error.getMessage().contains("no_such_table"), error.getMessage());
    }

    @Test
    void acceptsTheRawTicketRealMicromegasIssues() throws Exception {
        byte[] raw = TicketStatementQuery.newBuilder()
                .setStatementHandle(ByteString.copyFromUtf8("SELECT 41 + 1 AS answer"))
                .build().toByteArray();

        StandinTestClient.Rows result = client.read(new Ticket(raw), client.headers(Map.of()));

        assertEquals(List.of(List.of(42)), result.rows());
    }

    @Test
    void receivedQueriesKeepSqlAndHeadersWithoutTheKey() throws Exception {
        client.query("SELECT 'remember me' AS s", Map.of("limit", "1"));

        StandinServer.ReceivedQuery last = server.receivedQueries().get(server.receivedQueries().size() - 1);
        assertEquals("SELECT 'remember me' AS s", last.sql());
        assertEquals("1", last.headers().get("limit"));
        assertEquals("[REDACTED]", last.headers().get("authorization"));
        assertFalse(server.receivedQueries().toString().contains(KEY));
    }

    @Test
    void cancellingMidStreamStopsDuckDbAndFreesArrowMemory() throws Exception {
        CallOption options = client.headers(Map.of());
        FlightInfo info = client.sql.execute("SELECT range AS n, range * 2 AS m FROM range(500000000)", options);
        try (FlightStream stream = client.sql.getStream(info.getEndpoints().get(0).getTicket(), options)) {
            assertTrue(stream.next());
            assertTrue(server.allocatedBytes() > 0);
            stream.cancel("test is done", null);
        }

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (server.allocatedBytes() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, server.allocatedBytes());
        assertEquals(List.of(List.of(1L)), client.query("SELECT 1::BIGINT AS still_serving").rows());
    }

    private static ArrowType type(Schema schema, String column) {
        return schema.findField(column).getType();
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

}
