package framebudgets.standin.telemetry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates, in a DuckDB database, the tables and SQL objects a micromegas 0.11 analytics server
 * exposes ({@code processes}, {@code streams}, {@code blocks}, {@code view_instance('thread_spans', id)},
 * {@code property_get}), over storage tables named {@code mm_*} that {@link TelemetryWriter} fills.
 * Idempotent: installing twice keeps the data.
 */
public final class MicromegasSchema {

    private static final String SCRIPT = "micromegas-schema.sql";

    private MicromegasSchema() {}

    /** Installs the schema through {@code connection} (any DuckDB connection of the database). */
    public static void install(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(script());
        }
    }

    /** Installs the schema unless this database already has it (safe next to concurrent writers). */
    public static void ensureInstalled(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet found = statement.executeQuery("SELECT count(*) FROM duckdb_functions() "
                        + "WHERE function_name = 'view_instance' AND schema_name = 'main'")) {
            found.next();
            if (found.getLong(1) > 0) {
                return;
            }
        }
        install(connection);
    }

    /** The installation script, for callers that run SQL their own way (e.g. StandinDatabase.execute). */
    public static String script() {
        try (InputStream in = MicromegasSchema.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("resource " + SCRIPT + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCRIPT, e);
        }
    }
}
