package framebudgets.flightsql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.standin.StandinDatabase;
import framebudgets.standin.StandinServer;
import framebudgets.testing.SharedSpark;
import framebudgets.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.DataFrameReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's TLS setting against a server with the other one fails with a message naming the
 * server, after a bounded number of attempts; certificate verification is on unless
 * {@code tls.verify=false} (which is refused on plaintext and only works against TLS servers).
 * With {@code on_error = record}, a failing query is recorded and the read goes on.
 */
class FlightSqlTlsMismatchTest {
    @TempDir
    static Path dir;
    private static StandinDatabase database;
    private static StandinServer plain;
    private static StandinServer tls;
    private static TestCertificates certs;

    @BeforeAll
    static void start() throws Exception {
        database = StandinDatabase.inMemory();
        certs = TestCertificates.writeTo(Files.createDirectories(dir.resolve("certs")));
        plain = StandinServer.builder(database).start();
        tls = StandinServer.builder(database).tls(certs.serverCertificate(), certs.serverKey()).start();
    }

    @AfterAll
    static void stop() {
        try (StandinDatabase db = database; StandinServer p = plain) {
            tls.close();
        }
    }

    @AfterEach
    void allocatorsEndAtZero() {
        AllocatorChecks.assertAllClosedAtZero();
    }

    private static DataFrameReader read(String uri) {
        return SharedSpark.get().read().format("flightsql").option("uri", uri)
                .option("retry.max_attempts", "2").option("retry.initial_backoff_ms", "20");
    }

    @Test
    void tlsClientAgainstAPlaintextServerFailsNamingTheServer() {
        String uri = "grpc+tls://127.0.0.1:" + plain.port();
        Exception e = assertThrows(Exception.class, () -> read(uri)
                .option("tls.trusted_certificates", certs.caCertificate().toString()).option("query", "SELECT 1").load());
        String message = FlightSqlReadTest.rootMessage(e);
        assertTrue(message.contains("127.0.0.1:" + plain.port()) && message.contains("UNAVAILABLE")
                && message.contains("TLS setting"), message);
    }

    @Test
    void plaintextClientAgainstATlsServerFailsNamingTheServer() {
        String uri = "grpc://127.0.0.1:" + tls.port();
        Exception e = assertThrows(Exception.class, () -> read(uri).option("query", "SELECT 1").load());
        String message = FlightSqlReadTest.rootMessage(e);
        assertTrue(message.contains("127.0.0.1:" + tls.port()) && message.contains("TLS setting"), message);
    }

    @Test
    void verificationIsOnByDefaultAndTurnedOffOnlyExplicitly() {
        String uri = tls.uri().toString();
        Exception untrusted = assertThrows(Exception.class, () -> read(uri).option("query", "SELECT 1").load());
        assertTrue(FlightSqlReadTest.rootMessage(untrusted).contains("UNAVAILABLE"), FlightSqlReadTest.rootMessage(untrusted));

        assertEquals(1L, read(uri).option("tls.verify", "false").option("query", "SELECT 1 AS one").load().count());
        assertTrue(FlightSqlOptions.parse(Map.of("uri", uri, "query", "q", "tls.verify", "false")).toString()
                .contains("tls.verify=false"));

        IllegalArgumentException onPlain = assertThrows(IllegalArgumentException.class,
                () -> FlightSqlOptions.parse(Map.of("uri", plain.uri().toString(), "query", "q", "tls.verify", "false")));
        assertTrue(onPlain.getMessage().contains("plaintext"), onPlain.getMessage());
        IllegalArgumentException notBoolean = assertThrows(IllegalArgumentException.class,
                () -> FlightSqlOptions.parse(Map.of("uri", uri, "query", "q", "tls.verify", "no")));
        assertTrue(notBoolean.getMessage().contains("tls.verify"), notBoolean.getMessage());
    }

    @Test
    void withOnErrorRecordAFailingQueryIsRecordedAndTheOthersAreRead() {
        String queries = FlightSqlPartitions.toJson(java.util.List.of(
                FlightSqlQuery.of("SELECT 1 AS one").withConstant("process_id", "good"),
                FlightSqlQuery.of("SELECT one FROM no_such_table").withConstant("process_id", "bad"),
                FlightSqlQuery.of("SELECT 2 AS one").withConstant("process_id", "also good")));
        try (FlightSqlFailureLog log = FlightSqlFailureLog.open(SharedSpark.get())) {
            var rows = read(plain.uri().toString()).schema("one INT, process_id STRING").option("queries", queries)
                    .option("on_error", "record").option("on_error.log", log.id()).load()
                    .orderBy("one").collectAsList();
            assertEquals(java.util.List.of("good", "also good"), rows.stream().map(r -> r.getString(1)).toList());
            assertEquals(1, log.failures().size());
            FlightSqlFailure failure = log.failures().get(0);
            assertEquals(Map.of("process_id", "bad"), failure.constants());
            assertTrue(failure.message().contains("no_such_table") && failure.message().contains("127.0.0.1:" + plain.port()),
                    failure.message());
        }
        Exception failFast = assertThrows(Exception.class, () -> read(plain.uri().toString())
                .schema("one INT, process_id STRING").option("queries", queries).load().collectAsList());
        assertTrue(FlightSqlReadTest.rootMessage(failFast).contains("no_such_table"), "on_error = fail is the default");
    }

    @Test
    void onErrorOptionsAreChecked() {
        String uri = plain.uri().toString();
        for (Map<String, String> bad : new Map[] {
            Map.of("uri", uri, "query", "q", "on_error", "record"),
            Map.of("uri", uri, "query", "q", "on_error", "ignore"),
            Map.of("uri", uri, "query", "q", "on_error.log", "x")}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FlightSqlOptions.parse(bad));
            assertTrue(e.getMessage().contains("on_error"), e.getMessage());
        }
        IllegalArgumentException unknownLog = assertThrows(IllegalArgumentException.class, () -> read(uri)
                .option("on_error", "record").option("on_error.log", "no-such-log").schema("one INT")
                .option("query", "SELECT 1 AS one").load().collectAsList());
        assertTrue(FlightSqlReadTest.rootMessage(unknownLog).contains("no-such-log"), FlightSqlReadTest.rootMessage(unknownLog));
    }
}
