package framebudgets.flightsql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.standin.StandinDatabase;
import framebudgets.standin.StandinServer;
import framebudgets.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.ExplainMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Per-query constant columns ("partition values"): added by the reader, pruned, filtered, validated. */
class FlightSqlConstantsTest {
    private static StandinDatabase database;
    private static StandinServer server;
    private static SparkSession spark;

    @BeforeAll
    static void start() throws Exception {
        database = StandinDatabase.inMemory();
        database.execute("CREATE TABLE events AS SELECT range AS id, 'stream-' || (range % 3) AS stream FROM range(3000)");
        server = StandinServer.builder(database).start();
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

    private static List<FlightSqlQuery> perStream() {
        List<FlightSqlQuery> queries = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            queries.add(FlightSqlQuery.of("SELECT id, stream FROM events WHERE stream = 'stream-" + k + "'")
                    .withConstant("process_id", "process-" + k).withConstant("stream_id", "stream-" + k));
        }
        return queries;
    }

    private static Dataset<Row> read(List<FlightSqlQuery> queries) {
        return spark.read().format("flightsql").option("uri", server.uri().toString())
                .option("queries", FlightSqlPartitions.toJson(queries)).load();
    }

    @Test
    void everyRowCarriesItsQuerysConstants() {
        Dataset<Row> df = read(perStream());
        assertEquals("struct<id:bigint,stream:string,process_id:string,stream_id:string>", df.schema().simpleString());
        assertFalse(df.schema().apply("stream_id").nullable());
        assertEquals(3000L, df.count());
        assertEquals(0L, df.where("stream <> stream_id OR substr(process_id, 9) <> substr(stream_id, 8)").count());
        List<Row> perConstant = df.groupBy("process_id").count().orderBy("process_id").collectAsList();
        assertEquals(List.of("[process-0,1000]", "[process-1,1000]", "[process-2,1000]"),
                perConstant.stream().map(Row::toString).toList());
        assertFalse(FlightSqlReadTest.lastQuery("events", server).sql().contains("process_id"),
                "constants never reach the server");
    }

    @Test
    void constantsArePrunedAndFiltersOnThemSkipQueries() {
        Dataset<Row> one = read(perStream()).where("stream_id = 'stream-1' AND id < 100").select("id", "process_id");
        String explain = one.queryExecution().explainString(ExplainMode.fromString("simple"));
        assertTrue(explain.contains("queries=1 of 3"), explain);
        List<Row> rows = one.collectAsList();
        assertEquals(33, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.getString(1).equals("process-1")));
        String sql = FlightSqlReadTest.lastQuery("events", server).sql();
        assertTrue(sql.startsWith("SELECT \"id\" FROM (") && sql.contains("(\"id\" < 100)"), sql);

        assertEquals(2000L, read(perStream()).where("process_id IN ('process-0', 'process-2')").select("stream_id").count());
        assertEquals(0L, read(perStream()).where("stream_id IS NULL").count());
    }

    @Test
    void queriesMustDeclareTheSameConstants() {
        List<FlightSqlQuery> mixed = new ArrayList<>(perStream());
        mixed.add(FlightSqlQuery.of("SELECT id, stream FROM events").withConstant("process_id", "p"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(mixed));
        assertTrue(e.getMessage().contains("option queries") && e.getMessage().contains("element 3")
                && e.getMessage().contains("same constant columns"), e.getMessage());

        IllegalArgumentException clash = assertThrows(IllegalArgumentException.class,
                () -> read(List.of(FlightSqlQuery.of("SELECT id FROM events").withConstant("id", "x"))));
        assertTrue(clash.getMessage().contains("constant column \"id\""), clash.getMessage());

        String json = "[{\"query\": \"SELECT 1\", \"constants\": {\"a\": 1}}]";
        IllegalArgumentException notString = assertThrows(IllegalArgumentException.class,
                () -> FlightSqlOptions.parse(Map.of("uri", "grpc://h:1", "queries", json)));
        assertTrue(notString.getMessage().contains("option queries: constants entry a"), notString.getMessage());
        assertEquals(perStream(), FlightSqlPartitions.fromJson(FlightSqlPartitions.toJson(perStream())));
    }
}
