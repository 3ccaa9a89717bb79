package framebudgets.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DuckDB side on its own: per-connection variables (the range mechanism), setup SQL, files. */
class StandinDatabaseTest {

    @Test
    void variablesBelongToOneConnection() throws Exception {
        try (StandinDatabase database = StandinDatabase.inMemory();
                Connection first = database.newConnection();
                Connection second = database.newConnection()) {
            execute(first, "SET VARIABLE query_range_begin = make_timestamp_ns(1)");
            execute(second, "SET VARIABLE query_range_begin = make_timestamp_ns(2)");

            assertEquals("1970-01-01 00:00:00.000000001", variable(first));
            assertEquals("1970-01-01 00:00:00.000000002", variable(second));
            try (Connection third = database.newConnection()) {
                assertEquals(null, variable(third));
            }
        }
    }

    @Test
    void executeRunsSetupSqlAndFailsWithTheEngineMessage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("standin.duckdb");
        try (StandinDatabase database = StandinDatabase.open(file)) {
            database.execute("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2)");
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> database.execute("INSERT INTO missing VALUES (1)"));
            assertTrue(error.getMessage().contains("missing"), error.getMessage());
        }
        try (StandinDatabase reopened = StandinDatabase.open(file);
                Connection connection = reopened.newConnection();
                Statement statement = connection.createStatement();
                ResultSet results = statement.executeQuery("SELECT sum(x) FROM t")) {
            results.next();
            assertEquals(3, results.getInt(1));
        }
    }

    private static void execute(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String variable(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement();
                ResultSet results = statement.executeQuery("SELECT getvariable('query_range_begin')::VARCHAR")) {
            results.next();
            return results.getString(1);
        }
    }
}
