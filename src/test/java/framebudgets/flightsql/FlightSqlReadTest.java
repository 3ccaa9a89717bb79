package framebudgets.flightsql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.standin.StandinDatabase;
import framebudgets.standin.StandinServer;
import framebudgets.testing.SharedSpark;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** End-to-end reads through Spark from the stand-in server: types, schemas, partitions, SQL tables. */
class FlightSqlReadTest {
    private static StandinDatabase database;
    private static StandinServer server;
    private static SparkSession spark;

    @BeforeAll
    static void start() throws Exception {
        database = StandinDatabase.inMemory();
        database.execute("""
                CREATE TYPE mood AS ENUM ('sad', 'happy');
                CREATE TABLE types AS SELECT
                  true AS b, 1::TINYINT AS i8, 2::SMALLINT AS i16, 3::INTEGER AS i32, 4::BIGINT AS i64,
                  255::UTINYINT AS u8, 65535::USMALLINT AS u16, 4294967295::UINTEGER AS u32,
                  18446744073709551615::UBIGINT AS u64,
                  1.5::FLOAT AS f32, 2.25::DOUBLE AS f64, 'héllo ✓' AS s, '\\xAB\\x00'::BLOB AS bin,
                  123.45::DECIMAL(10, 2) AS dec, DATE '2024-02-29' AS d,
                  '2024-01-01 00:00:01'::TIMESTAMP_S AS ts_s, '2024-01-01 00:00:00.123'::TIMESTAMP_MS AS ts_ms,
                  '2024-01-01 00:00:00.123456'::TIMESTAMP AS ts_us, '2024-01-01 00:00:00.123456789'::TIMESTAMP_NS AS ts_ns,
                  '2024-01-01 00:00:00.5+00'::TIMESTAMPTZ AS ts_tz,
                  [1, 2, 3] AS list, {'a': 7, 'b': 'x'} AS struct, MAP {'k': 1} AS map, 'happy'::mood AS mood
                UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL;
                CREATE TABLE spans AS SELECT range AS id, 'stream-' || (range % 3) AS stream FROM range(3000);
                """);
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

    private static DataFrameReader read() {
        return spark.read().format("flightsql").option("uri", server.uri().toString());
    }

    @Test
    void everyTypeArrivesWithItsValue() {
        Dataset<Row> df = read().option("query", "SELECT * FROM types ORDER BY b NULLS LAST").load();
        StructType schema = df.schema();
        assertEquals("struct<b:boolean,i8:tinyint,i16:smallint,i32:int,i64:bigint,u8:smallint,u16:int,u32:bigint,"
                + "u64:decimal(20,0),f32:float,f64:double,s:string,bin:binary,dec:decimal(10,2),d:date,"
                + "ts_s:timestamp_ntz,ts_ms:timestamp_ntz,ts_us:timestamp_ntz,ts_ns:timestamp,ts_tz:timestamp,"
                + "list:array<int>,struct:struct<a:int,b:string>,map:map<string,int>,mood:string>",
                schema.simpleString());
        List<Row> rows = df.collectAsList();
        Row r = rows.get(0);
        assertEquals(true, r.getBoolean(0));
        assertEquals((byte) 1, r.getByte(1));
        assertEquals((short) 2, r.getShort(2));
        assertEquals(3, r.getInt(3));
        assertEquals(4L, r.getLong(4));
        assertEquals((short) 255, r.getShort(5));
        assertEquals(65535, r.getInt(6));
        assertEquals(4294967295L, r.getLong(7));
        assertEquals(new BigDecimal("18446744073709551615"), r.getDecimal(8));
        assertEquals(1.5f, r.getFloat(9));
        assertEquals(2.25, r.getDouble(10));
        assertEquals("héllo ✓", r.getString(11));
        assertEquals(List.of((byte) 0xAB, (byte) 0), List.of(((byte[]) r.get(12))[0], ((byte[]) r.get(12))[1]));
        assertEquals(new BigDecimal("123.45"), r.getDecimal(13));
        assertEquals(Date.valueOf("2024-02-29"), r.getDate(14));
        assertEquals(LocalDateTime.parse("2024-01-01T00:00:01"), r.get(15));
        assertEquals(LocalDateTime.parse("2024-01-01T00:00:00.123"), r.get(16));
        assertEquals(LocalDateTime.parse("2024-01-01T00:00:00.123456"), r.get(17));
        assertEquals(Timestamp.from(Instant.parse("2024-01-01T00:00:00.123456Z")), r.getTimestamp(18));
        assertEquals(Timestamp.from(Instant.parse("2024-01-01T00:00:00.5Z")), r.getTimestamp(19));
        assertEquals(List.of(1, 2, 3), r.getList(20));
        assertEquals(7, r.getStruct(21).getInt(0));
        assertEquals("x", r.getStruct(21).getString(1));
        assertEquals(1, r.getJavaMap(22).get("k"));
        assertEquals("happy", r.getString(23));
        Row nulls = rows.get(1);
        for (int i = 0; i < nulls.size(); i++) {
            assertTrue(nulls.isNullAt(i), "column " + schema.fields()[i].name() + " is null");
        }
    }

    @Test
    void epochNanosKeepsEveryTimestampExact() {
        Row r = read().option("timestamps", "epoch_nanos")
                .option("query", "SELECT ts_s, ts_ms, ts_us, ts_ns, ts_tz FROM types WHERE b").load().first();
        long base = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond() * 1_000_000_000L;
        assertEquals(List.of(base + 1_000_000_000L, base + 123_000_000L, base + 123_456_000L, base + 123_456_789L,
                base + 500_000_000L), List.of(r.getLong(0), r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4)));
    }

    @Test
    void aUserSchemaSkipsDiscoveryAndSelectsColumnsByName() {
        StructType schema = new StructType().add("s", DataTypes.StringType).add("i64", DataTypes.LongType);
        List<Row> rows = read().schema(schema).option("query", "SELECT * FROM types WHERE b").load().collectAsList();
        assertEquals(List.of(Row.fromSeq(scala.jdk.javaapi.CollectionConverters.asScala(List.<Object>of("héllo ✓", 4L)).toSeq())),
                rows);

        StructType wrong = new StructType().add("s", DataTypes.IntegerType);
        Exception e = assertThrows(Exception.class,
                () -> read().schema(wrong).option("query", "SELECT s FROM types").load().collectAsList());
        assertTrue(rootMessage(e).contains("column \"s\""), rootMessage(e));
    }

    @Test
    void queriesListReadsOnePartitionPerQueryWithItsOwnHeaders() {
        String queries = FlightSqlPartitions.toJson(List.of(
                FlightSqlQuery.of("SELECT id FROM spans WHERE stream = 'stream-0'").withHeader("x-stream", "0"),
                FlightSqlQuery.of("SELECT id FROM spans WHERE stream = 'stream-1'").withHeader("x-stream", "1"),
                FlightSqlQuery.of("SELECT id FROM spans WHERE stream = 'stream-2'").withHeader("x-job", "own")));
        Dataset<Row> df = read().option("queries", queries).option("headers.x-job", "report").load();
        assertEquals(3, df.rdd().getNumPartitions());
        assertEquals(3000L, df.count());
        assertEquals(1000L, df.where("id % 3 = 1").count());

        List<StandinServer.ReceivedQuery> received = server.receivedQueries().stream()
                .filter(q -> q.sql().contains("FROM spans WHERE stream")).toList();
        StandinServer.ReceivedQuery zero = received.stream().filter(q -> q.sql().contains("stream-0")).reduce((a, b) -> b).orElseThrow();
        assertEquals("0", zero.headers().get("x-stream"));
        assertEquals("report", zero.headers().get("x-job"));
        StandinServer.ReceivedQuery two = received.stream().filter(q -> q.sql().contains("stream-2")).reduce((a, b) -> b).orElseThrow();
        assertEquals("own", two.headers().get("x-job"), "a query's own header overrides the read's");
    }


    @Test
    void createTableUsingFlightsqlInADeltaCatalogSession() {
        assertTrue(spark.conf().get("spark.sql.catalog.spark_catalog").contains("DeltaCatalog"));
        spark.sql("DROP TABLE IF EXISTS flight_spans");
        spark.sql("CREATE TABLE flight_spans USING flightsql OPTIONS (uri '" + server.uri()
                + "', query 'SELECT id, stream FROM spans')");
        try {
            assertEquals("struct<id:bigint,stream:string>", spark.table("flight_spans").schema().simpleString());
            assertEquals(1000L, spark.sql("SELECT count(*) FROM flight_spans WHERE stream = 'stream-2'").first().getLong(0));
            assertTrue(lastQuery("FROM spans").sql().contains("(\"stream\" = 'stream-2')"), lastQuery("FROM spans").sql());
            List<Row> ids = spark.sql("SELECT id FROM flight_spans WHERE id >= 2990 AND id % 2 = 0 ORDER BY id").collectAsList();
            assertEquals(List.of(2990L, 2992L, 2994L, 2996L, 2998L), ids.stream().map(r -> r.getLong(0)).toList());
            String sql = lastQuery("FROM spans").sql();
            assertTrue(sql.startsWith("SELECT \"id\" FROM (") && sql.contains("(\"id\" >= 2990)"), sql);
            assertEquals(3000L, spark.sql("SELECT count(*) FROM flight_spans").first().getLong(0));
        } finally {
            spark.sql("DROP TABLE flight_spans");
        }
        assertFalse(spark.catalog().tableExists("flight_spans"));

        String queries = FlightSqlPartitions.toJson(List.of(
                FlightSqlQuery.of("SELECT id FROM spans WHERE id < 10").withConstant("part", "low"),
                FlightSqlQuery.of("SELECT id FROM spans WHERE id >= 2995").withConstant("part", "high")));
        spark.sql("CREATE TABLE flight_parts USING flightsql OPTIONS (uri '" + server.uri() + "', queries '"
                + queries.replace("\\", "\\\\").replace("'", "\\'") + "')");
        try {
            assertEquals("struct<id:bigint,part:string>", spark.table("flight_parts").schema().simpleString());
            assertEquals(List.of("[2995,high]", "[0,low]", "[5,low]"), spark.sql(
                    "SELECT id, part FROM flight_parts WHERE id % 5 = 0 ORDER BY part, id").collectAsList()
                    .stream().map(Row::toString).toList());
            assertEquals(5L, spark.sql("SELECT count(*) FROM flight_parts WHERE part = 'high'").first().getLong(0));
        } finally {
            spark.sql("DROP TABLE flight_parts");
        }
    }

    @Test
    void createTemporaryViewUsingFlightsqlInADeltaSession() {
        spark.sql("CREATE OR REPLACE TEMPORARY VIEW flight_view USING flightsql OPTIONS (uri '" + server.uri()
                + "', query 'SELECT id, stream FROM spans')");
        assertEquals(1000L, spark.sql("SELECT count(*) FROM flight_view WHERE stream = 'stream-1'").first().getLong(0));
        spark.sql("DROP VIEW flight_view");
    }

    @Test
    void schemaDiscoveryRunsOnlyTheLimitOneProbe() throws Exception {
        int before = server.receivedQueries().size();
        Dataset<Row> df = read().option("query", "SELECT id, stream FROM spans -- a trailing comment").load();
        assertEquals("struct<id:bigint,stream:string>", df.schema().simpleString());
        assertEquals(List.of("SELECT * FROM (\nSELECT id, stream FROM spans -- a trailing comment\n) AS q LIMIT 1"),
                sqlSince(server, before), "discovery sends the probe, not the query");
        Dataset<Row> empty = read().option("query", "SELECT id FROM spans WHERE id < 0").load();
        assertEquals("struct<id:bigint>", empty.schema().simpleString());
        assertEquals(0L, empty.count());

        try (StandinServer strict = StandinServer.builder(database).strict(true).start()) {
            Dataset<Row> fromStrict = spark.read().format("flightsql").option("uri", strict.uri().toString())
                    .option("query", "SELECT id, stream FROM spans WHERE id < 3").load();
            assertEquals("struct<id:bigint,stream:string>", fromStrict.schema().simpleString(),
                    "the strict server (empty FlightInfo schema, no prepared statements) answers the probe");
            assertEquals(3L, fromStrict.count());
        }
    }

    @Test
    void aStatementThatCannotBeASubqueryIsDiscoveredFromItsFirstMessage() {
        int before = server.receivedQueries().size();
        Dataset<Row> df = read().option("query", "CALL pragma_version()").load();
        assertEquals(List.of("SELECT * FROM (\nCALL pragma_version()\n) AS q LIMIT 1", "CALL pragma_version()"),
                sqlSince(server, before), "the rejected probe, then the statement itself");
        assertTrue(df.schema().getFieldIndex("library_version").isDefined(), df.schema().simpleString());
        assertEquals(1, df.collectAsList().size(), "read unchanged: nothing to push");

        Exception bad = assertThrows(FlightSqlException.class,
                () -> read().option("query", "SELECT nope FROM spans").load());
        assertTrue(bad.getMessage().contains("nope") && !bad.getMessage().contains("LIMIT 1"),
                "the error is the query's own, not the probe's: " + bad.getMessage());
    }

    private static List<String> sqlSince(StandinServer server, int before) {
        List<StandinServer.ReceivedQuery> all = server.receivedQueries();
        return all.subList(before, all.size()).stream().map(StandinServer.ReceivedQuery::sql).toList();
    }

    @Test
    void badOptionsNameTheOption() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> read().load()).getMessage().contains("query"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> spark.read().format("flightsql").option("uri", "http://x:1").option("query", "SELECT 1").load())
                .getMessage().contains("option uri"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> read().option("query", "SELECT 1").option("timestamps", "millis").load())
                .getMessage().contains("option timestamps"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> read().option("queries", "[{\"sql\": 1}]").load()).getMessage().contains("option queries"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> read().option("query", "SELECT 1").option("headers.Bad Name", "x").load())
                .getMessage().contains("header"));
    }

    static StandinServer.ReceivedQuery lastQuery(String containing) {
        return lastQuery(containing, server);
    }

    static StandinServer.ReceivedQuery lastQuery(String containing, StandinServer server) {
        List<StandinServer.ReceivedQuery> all = server.receivedQueries();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).sql().contains(containing)) {
                return all.get(i);
            }
        }
        throw new AssertionError("no query containing " + containing + " in " + all);
    }

    static String rootMessage(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
