package framebudgets.standin;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The DuckDB database behind the stand-in server. It owns one root connection; every query the
 * server runs gets its own duplicate connection so per-request variables (the time range) never
 * leak between concurrent requests.
 */
public final class StandinDatabase implements AutoCloseable {

    /** An empty in-memory database. */
    public static StandinDatabase inMemory() {
        throw new UnsupportedOperationException("TODO(server)");
    }

    /** A database stored in {@code file} (created when absent). */
    public static StandinDatabase open(Path file) {
        throw new UnsupportedOperationException("TODO(server)");
    }

    /** A new connection to this database; the caller closes it. */
    public Connection newConnection() throws SQLException {
        throw new UnsupportedOperationException("TODO(server)");
    }

    /** Runs one or more statements (DDL or DML) and fails with the engine's message. */
    public void execute(String sql) {
        throw new UnsupportedOperationException("TODO(server)");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO(server)");
    }
}
