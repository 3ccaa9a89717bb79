package framebudgets.flightsql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.standin.StandinDatabase;
import framebudgets.standin.StandinServer;
import framebudgets.testing.SharedSpark;
import framebudgets.testing.TestCertificates;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.ExplainMode;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Auth, TLS, mTLS, retries, server errors, early cancel and metrics, over real gRPC. */
class FlightSqlTransportTest {
    private static final String KEY = "s3cr3t-api-key-for-tests";

    @TempDir
    static Path dir;
    private static StandinDatabase database;
    private static StandinServer server;
    private static SparkSession spark;

    @BeforeAll
    static void start() throws Exception {
        database = StandinDatabase.inMemory();
        database.execute("CREATE TABLE big AS SELECT range AS id, range / 3.0 AS f FROM range(2000000)");
        server = StandinServer.builder(database).apiKeys(Map.of("tests", KEY)).start();
        spark = SharedSpark.get();
    }

    @AfterAll
    static void stop() {
        server.close();
        database.close();
    }

    @AfterEach
    void allocatorsEndAtZero() {
        AllocatorChecks.assertAllClosedAtZero();
    }

    private static DataFrameReader read(StandinServer target) {
        return spark.read().format("flightsql").option("uri", target.uri().toString());
    }

    @Test
    void bearerTokenFromOptionFileOrEnvNeverShows() throws Exception {
        Dataset<Row> df = read(server).option("token", KEY).option("query", "SELECT id FROM big WHERE id < 10").load();
        assertEquals(10L, df.count());
        Dataset<Row> filtered = df.where("id > 5");
        String explain = filtered.queryExecution().explainString(ExplainMode.fromString("extended"));
        assertTrue(explain.contains("FlightSqlScan"), explain);
        assertFalse(explain.contains(KEY), explain);
        BatchScanExec scan = scanOf(filtered.queryExecution().executedPlan());
        assertFalse(scan.scan().description().contains(KEY));
        assertFalse(FlightSqlOptions.parse(Map.of("uri", "grpc://h:1", "query", "q", "token", KEY)).toString().contains(KEY));

        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, "Bearer " + KEY + "\n");
        assertEquals(10L, read(server).option("token.file", tokenFile.toString())
                .option("query", "SELECT id FROM big WHERE id < 10").load().count());

        IllegalArgumentException noEnv = assertThrows(IllegalArgumentException.class, () -> read(server)
                .option("token.env", "FLIGHTSQL_TEST_UNSET_VARIABLE").option("query", "SELECT 1").load());
        assertTrue(noEnv.getMessage().contains("FLIGHTSQL_TEST_UNSET_VARIABLE"), noEnv.getMessage());
    }

    @Test
    void authFailuresAreClearAndDoNotEchoTheToken() {
        Exception missing = assertThrows(Exception.class, () -> read(server).option("query", "SELECT 1").load());
        String message = FlightSqlReadTest.rootMessage(missing);
        assertTrue(message.contains("UNAUTHENTICATED"), message);
        assertTrue(message.contains("127.0.0.1:" + server.port()), message);

        Exception wrong = assertThrows(Exception.class,
                () -> read(server).option("token", "wrong-token-value").option("query", "SELECT 1").load());
        String wrongMessage = FlightSqlReadTest.rootMessage(wrong);
        assertTrue(wrongMessage.contains("UNAUTHENTICATED") && wrongMessage.contains("token"), wrongMessage);
        assertFalse(wrongMessage.contains("wrong-token-value"), wrongMessage);

        Exception basic = assertThrows(Exception.class, () -> read(server).option("username", "ann")
                .option("password", "pa55word").option("query", "SELECT 1").load());
        String basicMessage = FlightSqlReadTest.rootMessage(basic);
        assertTrue(basicMessage.contains("UNAUTHENTICATED"), basicMessage);
        assertFalse(basicMessage.contains("pa55word"), basicMessage);
    }

    @Test
    void basicAuthWithValidCredentialsReadsAndAWrongPasswordIsNotEchoed() throws Exception {
        try (StandinServer basic = StandinServer.builder(database).apiKeys(Map.of("tests", KEY))
                .basicUsers(Map.of("ann", "pa55word")).start()) {
            Dataset<Row> df = read(basic).option("username", "ann").option("password", "pa55word")
                    .option("query", "SELECT id FROM big WHERE id < 7").load();
            assertEquals(7L, df.where("id >= 0").count());
            String explain = df.queryExecution().explainString(ExplainMode.fromString("extended"));
            assertFalse(explain.contains("pa55word"), explain);
            assertEquals(3L, read(basic).option("token", KEY).option("query", "SELECT id FROM big WHERE id < 3")
                    .load().count(), "API keys still work next to basic users");

            Exception wrong = assertThrows(Exception.class, () -> read(basic).option("username", "ann")
                    .option("password", "not-the-pa55word").option("query", "SELECT 1").load());
            String message = FlightSqlReadTest.rootMessage(wrong);
            assertTrue(message.contains("UNAUTHENTICATED") && message.contains("Handshake"), message);
            assertFalse(message.contains("not-the-pa55word"), message);
        }
    }

    @Test
    void serverErrorsCarryStatusMessageAndAddress() {
        Exception e = assertThrows(Exception.class, () -> read(server).option("token", KEY)
                .schema("x INT").option("query", "SELECT x FROM no_such_table").load().collectAsList());
        String message = FlightSqlReadTest.rootMessage(e);
        assertTrue(message.contains("DoGet on 127.0.0.1:" + server.port() + " failed"), message);
        assertTrue(message.contains("no_such_table"), message);
    }

    @Test
    void tlsWithCustomRootsAndMutualTls() throws Exception {
        TestCertificates certs = TestCertificates.writeTo(Files.createDirectories(dir.resolve("certs")));
        try (StandinServer tls = StandinServer.builder(database).tls(certs.serverCertificate(), certs.serverKey()).start();
             StandinServer mtls = StandinServer.builder(database).tls(certs.serverCertificate(), certs.serverKey())
                     .requireClientCertificates(certs.caCertificate()).start()) {
            assertTrue(tls.uri().toString().startsWith("grpc+tls://"));
            assertEquals(3L, read(tls).option("tls.trusted_certificates", certs.caCertificate().toString())
                    .option("query", "SELECT id FROM big WHERE id < 3").load().count());

            Exception untrusted = assertThrows(Exception.class, () -> read(tls).option("retry.max_attempts", "1")
                    .option("query", "SELECT 1").load());
            assertTrue(FlightSqlReadTest.rootMessage(untrusted).contains("UNAVAILABLE"),
                    FlightSqlReadTest.rootMessage(untrusted));

            assertEquals(3L, read(mtls).option("tls.trusted_certificates", certs.caCertificate().toString())
                    .option("tls.client_certificate", certs.clientCertificate().toString())
                    .option("tls.client_key", certs.clientKey().toString())
                    .option("query", "SELECT id FROM big WHERE id < 3").load().count());
            assertThrows(Exception.class, () -> read(mtls).option("retry.max_attempts", "1")
                    .option("tls.trusted_certificates", certs.caCertificate().toString())
                    .option("query", "SELECT 1").load());
        }
    }

    @Test
    void unavailableIsRetriedUntilTheServerComesUp() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String uri = "grpc://127.0.0.1:" + port;
        Exception down = assertThrows(Exception.class, () -> spark.read().format("flightsql").option("uri", uri)
                .option("retry.max_attempts", "2").option("retry.initial_backoff_ms", "50")
                .option("query", "SELECT 1").load());
        assertTrue(FlightSqlReadTest.rootMessage(down).contains("UNAVAILABLE"), FlightSqlReadTest.rootMessage(down));
        assertTrue(FlightSqlReadTest.rootMessage(down).contains("127.0.0.1:" + port), FlightSqlReadTest.rootMessage(down));

        CompletableFuture<StandinServer> late = CompletableFuture.supplyAsync(() -> {
            try {
                Thread.sleep(1_500);
                return StandinServer.builder(database).port(port).start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            List<Row> rows = spark.read().format("flightsql").option("uri", uri).option("retry.max_attempts", "20")
                    .option("retry.initial_backoff_ms", "100").option("retry.max_backoff_ms", "400")
                    .option("query", "SELECT 7 AS seven").load().collectAsList();
            assertEquals(7, rows.get(0).getInt(0));
        } finally {
            late.get().close();
        }
    }

    @Test
    void anEarlyStopCancelsTheStreamAndMetricsAreReported() {
        Dataset<Row> all = read(server).option("token", KEY).option("query", "SELECT id, f FROM big").load();
        Dataset<Row> firstFive = all.where("f >= 0").limit(5);
        assertEquals(5, firstFive.collectAsList().size());
        assertEquals(1, metric(firstFive, FlightSqlMetrics.CANCELLED), "the unfinished stream was cancelled");
        assertTrue(metric(firstFive, FlightSqlMetrics.ROWS) < 2_000_000, "not every row was read");

        Dataset<Row> counted = all.where("id < 100000");
        assertEquals(100_000L, counted.collectAsList().size());
        assertEquals(100_000L, metric(counted, FlightSqlMetrics.ROWS));
        assertTrue(metric(counted, FlightSqlMetrics.BATCHES) >= 1);
        assertTrue(metric(counted, FlightSqlMetrics.BYTES) >= 100_000L * 8);
        assertEquals(0, metric(counted, FlightSqlMetrics.CANCELLED), "a finished stream is not cancelled");
        assertTrue(metric(counted, FlightSqlMetrics.PEAK_ARROW_BYTES) >= 8 * 1024, "the task held its batches' memory");
        assertTrue(scanOf(counted.queryExecution().executedPlan()).metrics().contains(FlightSqlMetrics.FIRST_BATCH_MS));
    }

    private static long metric(Dataset<Row> executed, String name) {
        return scanOf(executed.queryExecution().executedPlan()).metrics().apply(name).value();
    }

    private static BatchScanExec scanOf(SparkPlan plan) {
        return (BatchScanExec) plan.collectLeaves().find(p -> p instanceof BatchScanExec).get();
    }
}
