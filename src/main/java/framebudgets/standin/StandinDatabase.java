package framebudgets.standin;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Properties;
import org.duckdb.DuckDBConnection;

/**
 * The DuckDB database behind the stand-in server. It owns one root connection; every query the
 * server runs gets its own duplicate connection so per-request variables (the time range) never
 * leak between concurrent requests.
 *
 * <p>Per request, before the statement runs, the server sets two DuckDB variables on that
 * request's connection: {@code query_range_begin} and {@code query_range_end}, both
 * {@code TIMESTAMP_NS} in UTC, or SQL NULL when the request carries no time range. SQL (and table
 * macros) read them with {@code getvariable('query_range_begin')}. DuckDB variables are scoped to
 * one connection, which the server's tests verify with concurrent requests.
 */
public final class StandinDatabase implements AutoCloseable {

    private final DuckDBConnection root;

    private StandinDatabase(String url) {
        Properties properties = new Properties();
        // Stream results chunk by chunk instead of materialising them before the first batch.
        properties.setProperty("jdbc_stream_results", "true");
        try {
            this.root = (DuckDBConnection) DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open DuckDB database " + url + ": " + e.getMessage(), e);
        }
    }

    /** An empty in-memory database. */
    public static StandinDatabase inMemory() {
        return new StandinDatabase("jdbc:duckdb:");
    }

    /** A database stored in {@code file} (created when absent). */
    public static StandinDatabase open(Path file) {
        Objects.requireNonNull(file, "file");
        return new StandinDatabase("jdbc:duckdb:" + file.toAbsolutePath());
    }

    /** A new connection to this database; the caller closes it. */
    public Connection newConnection() throws SQLException {
        return newDuckDBConnection();
    }

    DuckDBConnection newDuckDBConnection() throws SQLException {
        return root.duplicate();
    }

    /** Runs one or more statements (DDL or DML) and fails with the engine's message. */
    public void execute(String sql) {
        try (Connection connection = newConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            root.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close DuckDB database: " + e.getMessage(), e);
        }
    }
}
