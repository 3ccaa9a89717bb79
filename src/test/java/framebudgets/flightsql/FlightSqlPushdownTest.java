package framebudgets.flightsql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.standin.StandinDatabase;
import framebudgets.standin.StandinServer;
import framebudgets.testing.SharedSpark;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every pushed operator against real rows: the server's answer must equal Spark's own answer on
 * the same data, and the SQL the server received shows what was pushed (or that nothing was).
 */
class FlightSqlPushdownTest {
    private static StandinDatabase database;
    private static StandinServer server;
    private static SparkSession spark;

    @BeforeAll
    static void start() throws Exception {
        database = StandinDatabase.inMemory();
        database.execute("""
                CREATE TABLE p AS SELECT
                  range::INTEGER AS i,
                  CASE WHEN range % 7 = 0 THEN NULL ELSE (['plain', 'it''s', '"quoted"', '-- dash', 'semi;colon',
                    'é✓ unicode', '50%_off', 'ab', 'abc'])[range % 9 + 1] END AS s,
                  make_timestamp_ns(1700000000000000000 + range * 500) AS ts_ns,
                  make_timestamp(1704067200000000 + range * 1000)::TIMESTAMP_MS AS ts_ms,
                  DATE '2024-01-01' + range::INTEGER AS d,
                  range / 4.0 AS f,
                  (range / 8)::DECIMAL(10, 3) AS dec,
                  range % 2 = 0 AS b
                FROM range(40)
                UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL;
                """);
        server = StandinServer.builder(database).start();
        spark = SharedSpark.get();
    }

    @AfterAll
    static void stop() {
        server.close();
        database.close();
        AllocatorChecks.assertAllClosedAtZero();
    }

    private static Dataset<Row> remote(String timestamps) {
        return spark.read().format("flightsql").option("uri", server.uri().toString())
                .option("timestamps", timestamps).option("query", "SELECT * FROM p").load();
    }

    /** Asserts the filtered rows equal Spark's own filtering, and that {@code pushedSql} reached the server. */
    private static void check(String timestamps, String filter, String pushedSql) {
        check(timestamps, filter, pushedSql, null);
    }

    /** As {@link #check(String, String, String)}, for a filter whose comparison ({@code keptSql}) stays with Spark. */
    private static void kept(String timestamps, String filter, String keptSql) {
        check(timestamps, filter, null, keptSql);
    }

    private static void check(String timestamps, String filter, String pushedSql, String keptSql) {
        Dataset<Row> all = remote(timestamps);
        Dataset<Row> local = spark.createDataFrame(all.collectAsList(), all.schema());
        List<Row> expected = sorted(local.where(filter).collectAsList());
        List<Row> actual = sorted(all.where(filter).collectAsList());
        assertTrue(!expected.isEmpty() && expected.size() < 41, "filter " + filter + " selects some rows: " + expected.size());
        assertEquals(expected, actual, "rows of " + filter);
        String sql = FlightSqlReadTest.lastQuery("SELECT * FROM p", server).sql();
        if (keptSql != null) {
            assertFalse(sql.contains(keptSql), filter + " must stay with Spark, server got: " + sql);
        } else {
            assertTrue(sql.contains(pushedSql), filter + " pushed as " + pushedSql + ", server got: " + sql);
        }
    }

    private static List<Row> sorted(List<Row> rows) {
        List<Row> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(Row::toString));
        return copy;
    }

    @Test
    void integerComparisons() {
        check("micros", "i = 5", "(\"i\" = 5)");
        check("micros", "i <> 5", "NOT (\"i\" = 5)");
        check("micros", "i < 5", "(\"i\" < 5)");
        check("micros", "i <= 5", "(\"i\" <= 5)");
        check("micros", "i > 35", "(\"i\" > 35)");
        check("micros", "i >= 35", "(\"i\" >= 35)");
        check("micros", "5 <= i AND i < 8", "(\"i\" >= 5)");
        check("micros", "i <=> 5", "\"i\" IS NOT DISTINCT FROM 5");
        check("micros", "i IN (1, 3, 39)", "\"i\" IN (1, 3, 39)");
        check("micros", "i IS NULL", "\"i\" IS NULL");
        check("micros", "i IS NOT NULL", "\"i\" IS NOT NULL");
        check("micros", "i < 3 OR i > 37", "(\"i\" < 3) OR (\"i\" > 37)");
        check("micros", "NOT (i IN (1, 2, 3))", "NOT (\"i\" IN (1, 2, 3))");
    }

    @Test
    void stringsWithQuotesCommentsAndUnicodeAreQuotedSafely() {
        check("micros", "s = 'it''s'", "(\"s\" = 'it''s')");
        check("micros", "s = '\"quoted\"'", "(\"s\" = '\"quoted\"')");
        check("micros", "s = '-- dash'", "(\"s\" = '-- dash')");
        check("micros", "s = 'semi;colon'", "(\"s\" = 'semi;colon')");
        check("micros", "s = 'é✓ unicode'", "(\"s\" = 'é✓ unicode')");
        check("micros", "s > 'ab'", "(\"s\" > 'ab')");
        check("micros", "s LIKE 'ab%'", "\"s\" LIKE 'ab%'");
        check("micros", "s LIKE '%code'", "\"s\" LIKE '%code'");
        check("micros", "s LIKE '%;%'", "\"s\" LIKE '%;%'");
        kept("micros", "startswith(s, '50%')", "LIKE");
        check("micros", "s <=> 'plain'", "\"s\" IS NOT DISTINCT FROM 'plain'");
    }

    @Test
    void otherTypes() {
        check("micros", "d >= DATE '2024-01-30'", "(\"d\" >= DATE '2024-01-30')");
        check("micros", "dec = 1.125", "(\"dec\" = 1.125)");
        check("micros", "dec > 4", "(\"dec\" > 4.000)");
        check("micros", "b = true", "(\"b\" = TRUE)");
        kept("micros", "f > 2.5", "\"f\" >");
    }

    @Test
    void timestampsArePushedOnlyWhenExact() {
        check("micros", "ts_ns >= timestamp_micros(1700000000000005)", "(\"ts_ns\" >= '2023-11-14T22:13:20.000005000Z')");
        check("micros", "ts_ns < timestamp_micros(1700000000000005)", "(\"ts_ns\" < '2023-11-14T22:13:20.000005000Z')");
        kept("micros", "ts_ns = timestamp_micros(1700000000000005)", "\"ts_ns\" =");
        kept("micros", "ts_ns > timestamp_micros(1700000000000005)", "\"ts_ns\" >");
        check("micros", "ts_ms = timestamp_ntz'2024-01-01 00:00:00.005'", "(\"ts_ms\" = '2024-01-01T00:00:00.005000000')");
        check("micros", "ts_ms <= timestamp_ntz'2024-01-01 00:00:00.005'", "(\"ts_ms\" <= '2024-01-01T00:00:00.005000000')");
        kept("micros", "ts_ms > timestamp_ntz'2024-01-01 00:00:00.0055'", "\"ts_ms\" >");
    }

    @Test
    void epochNanosComparisonsAreNanosecondExact() {
        check("epoch_nanos", "ts_ns = 1700000000000002500", "(\"ts_ns\" = '2023-11-14T22:13:20.000002500Z')");
        check("epoch_nanos", "ts_ns > 1700000000000002500", "(\"ts_ns\" > '2023-11-14T22:13:20.000002500Z')");
        check("epoch_nanos", "ts_ns >= 1700000000000002500", "(\"ts_ns\" >= '2023-11-14T22:13:20.000002500Z')");
        check("epoch_nanos", "ts_ns <= 1700000000000002500", "(\"ts_ns\" <= '2023-11-14T22:13:20.000002500Z')");
        check("epoch_nanos", "ts_ns < 1700000000000002500", "(\"ts_ns\" < '2023-11-14T22:13:20.000002500Z')");
        check("epoch_nanos", "ts_ns <> 1700000000000002500", "NOT (\"ts_ns\" = '2023-11-14T22:13:20.000002500Z')");
        check("epoch_nanos", "ts_ms = 1704067200005000000", "(\"ts_ms\" = '2024-01-01T00:00:00.005000000')");
        kept("epoch_nanos", "ts_ms > 1704067200005000001", "\"ts_ms\" >");
    }

    @Test
    void epochNanosWithAUserSchemaKeepsBigintComparisonsWithSpark() {
        Dataset<Row> declared = spark.read().format("flightsql").option("uri", server.uri().toString())
                .schema("i INT, ts_ns BIGINT").option("timestamps", "epoch_nanos").option("query", "SELECT * FROM p").load();
        List<Row> rows = declared.where("ts_ns >= 1700000000000002500 AND i < 30").collectAsList();
        assertEquals(25, rows.size(), "i from 5 to 29");
        String sql = FlightSqlReadTest.lastQuery("SELECT * FROM p", server).sql();
        assertFalse(sql.contains("\"ts_ns\" >="), "the server may hold a timestamp there: " + sql);
        assertTrue(sql.contains("(\"i\" < 30)"), "other columns are still pushed: " + sql);

        Dataset<Row> discovered = remote("epoch_nanos");
        Dataset<Row> reused = spark.read().format("flightsql").option("uri", server.uri().toString())
                .schema(discovered.schema()).option("timestamps", "epoch_nanos").option("query", "SELECT * FROM p").load();
        assertEquals(35, reused.where("ts_ns >= 1700000000000002500").count());
        assertTrue(FlightSqlReadTest.lastQuery("SELECT * FROM p", server).sql()
                .contains("(\"ts_ns\" >= '2023-11-14T22:13:20.000002500Z')"), "a schema from discovery knows its timestamps");
    }

    @Test
    void columnsAndLimitArePushed() {
        List<Row> rows = remote("micros").select("s", "i").where("i >= 10").limit(3).collectAsList();
        assertEquals(3, rows.size());
        String sql = FlightSqlReadTest.lastQuery("SELECT * FROM p", server).sql();
        assertTrue(sql.startsWith("SELECT \"i\", \"s\" FROM (\nSELECT * FROM p\n) AS q WHERE"), sql);
        assertTrue(sql.endsWith(" LIMIT 3"), sql);
    }
}
