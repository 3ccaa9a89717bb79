package framebudgets.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.util.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Strict mode (prepared statements only describe, like micromegas) versus default mode (JDBC driver works). */
class StandinServerModesTest {

    private static final String KEY = "modes-key";

    private static StandinDatabase database;

    @BeforeAll
    static void createTables() {
        database = StandinDatabase.inMemory();
        database.execute("CREATE TABLE frames AS SELECT range::BIGINT AS frame, "
                + "make_timestamp_ns(1700000000000000000 + range * 16666666) AS \"begin\" FROM range(10)");
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Test
    void strictModeDescribesButNeverExecutesPreparedStatements() throws Exception {
        try (StandinServer server = StandinServer.builder(database).strict(true).apiKeys(Map.of("t", KEY)).start();
                StandinTestClient client = StandinTestClient.plaintext(server, KEY)) {
            CallOption auth = client.headers(Map.of());
            FlightSqlClient.PreparedStatement prepared = client.sql.prepare("SELECT frame, \"begin\" FROM frames", auth);
            try {
                assertEquals(new ArrowType.Timestamp(TimeUnit.NANOSECOND, "+00:00"),
                        prepared.getResultSetSchema().findField("begin").getType());
                FlightRuntimeException error = assertThrows(FlightRuntimeException.class,
                        () -> prepared.execute(auth));
                assertEquals(FlightStatusCode.UNIMPLEMENTED, error.status().code());
                assertTrue(error.getMessage().contains("prepared statement"), error.getMessage());
            } finally {
                prepared.close(auth);
            }
            FlightRuntimeException catalogs = assertThrows(FlightRuntimeException.class,
                    () -> client.sql.getCatalogs(auth));
            assertEquals(FlightStatusCode.UNIMPLEMENTED, catalogs.status().code());
            assertEquals(10, client.query("SELECT * FROM frames").rows().size());
        }
    }

    @Test
    void defaultModeServesTheFlightSqlJdbcDriver() throws Exception {
        try (StandinServer server = StandinServer.builder(database).apiKeys(Map.of("t", KEY)).start()) {
            String url = "jdbc:arrow-flight-sql://127.0.0.1:" + server.port() + "?useEncryption=false&token=" + KEY;
            List<Long> frames = new ArrayList<>();
            try (Connection connection = DriverManager.getConnection(url);
                    Statement statement = connection.createStatement();
                    ResultSet results = statement.executeQuery(
                            "SELECT frame, 'f' || frame AS label FROM frames WHERE frame < 3 ORDER BY frame")) {
                while (results.next()) {
                    frames.add(results.getLong("frame"));
                    assertEquals("f" + results.getLong(1), results.getString("label"));
                }
            }
            assertEquals(List.of(0L, 1L, 2L), frames);
            assertEquals(0, server.allocatedBytes());
        }
    }

    @Test
    void defaultModeAnswersCatalogQueries() throws Exception {
        try (StandinServer server = StandinServer.builder(database).start();
                StandinTestClient client = StandinTestClient.plaintext(server, null)) {
            CallOption none = client.headers(Map.of());
            FlightInfo tables = client.sql.getTables(null, null, "fram%", null, true, none);
            StandinTestClient.Rows rows = client.read(tables.getEndpoints().get(0).getTicket(), none);
            assertEquals(1, rows.rows().size());
            assertEquals(new Text("frames"), rows.value(0, 2));
            assertEquals(new Text("table"), rows.value(0, 3));

            FlightInfo sqlInfo = client.sql.getSqlInfo(new int[0], none);
            assertTrue(client.read(sqlInfo.getEndpoints().get(0).getTicket(), none).rows().size() > 0);
        }
    }

    @Test
    void closingTheServerEndsRunningStreamsAndReleasesArrowMemory() throws Exception {
        StandinServer server = StandinServer.builder(database).start();
        try (StandinTestClient client = StandinTestClient.plaintext(server, null)) {
            CallOption none = client.headers(Map.of());
            try (FlightStream stream = client.sql.getStream(client.ticket("SELECT range AS n FROM range(500000000)", none),
                    none)) {
                assertTrue(stream.next());
                Thread.sleep(500); // the server fills the transport's window while the client does not read
                long start = System.nanoTime();
                server.close();
                assertTrue(System.nanoTime() - start < 10_000_000_000L, "close waited for the stream to finish");
                assertEquals(0, server.allocatedBytes());
                assertThrows(FlightRuntimeException.class, () -> {
                    while (stream.next()) {
                        stream.getRoot().clear();
                    }
                });
            }
        }
    }
}
