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
 * Creates, in a DuckDB database, the tables and SQL objects a micromegas analytics server exposes
 * (0.11's in schema {@code main}, the newest release's views in schema {@code newest}) ({@code processes}, {@code streams}, {@code blocks}, {@code view_instance('thread_spans', id)},
 * {@code property_get}), over storage tables named {@code mm_*} that {@link TelemetryWriter} fills.
 * Idempotent: installing twice keeps the data.
 */
public final class MicromegasSchema {

    private static final String SCRIPT = "micromegas-schema.sql";
    /** The newest profile's views (schema {@code newest}), installed with the 0.11 ones. */
    private static final String NEWEST_SCRIPT = "micromegas-newest.sql";

    private MicromegasSchema() {}

    /** Installs the schema through {@code connection} (any DuckDB connection of the database). */
    public static void install(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(resource(SCRIPT));
            statement.execute(resource(NEWEST_SCRIPT));
        }
    }

    /** Installs the schema unless this database already has it (safe next to concurrent writers). */
    public static void ensureInstalled(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet found = statement.executeQuery("SELECT count(*) FROM duckdb_functions() "
                        + "WHERE function_name = 'view_instance' AND schema_name = 'main' "
                        + "OR function_name = 'jsonb_format_json' AND schema_name = 'newest'")) {
            found.next();
            if (found.getLong(1) == 2) {
                return;
            }
        }
        install(connection);
    }

    /** The installation script, for callers that run SQL their own way (e.g. StandinDatabase.execute). */
    public static String script() {
        return resource(SCRIPT) + "\n" + resource(NEWEST_SCRIPT);
    }

    private static String resource(String name) {
        try (InputStream in = MicromegasSchema.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
