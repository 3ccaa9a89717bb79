package framebudgets.standin;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The SQL the server runs for a client's statement: the per-connection range variables, the
 * statement translated from DataFusion's dialect (which micromegas clients write) to DuckDB's, and
 * the outer LIMIT. Only numbers the server parsed itself are written into these statements.
 */
final class SqlStatements {

    private SqlStatements() {}

    /** Sets {@code query_range_begin}/{@code query_range_end} (TIMESTAMP_NS, UTC, or NULL) on this connection. */
    static void setRangeVariables(Connection connection, Optional<QueryRange> range) throws SQLException {
        setRequestVariables(connection, range, MicromegasProfile.V0_11, OptionalLong.empty());
    }

    /**
     * Sets the range variables, the profile's search path (the newest views shadow the 0.11 ones)
     * and {@code mm_materialized_before} (epoch ns; NULL = everything is materialized).
     */
    static void setRequestVariables(Connection connection, Optional<QueryRange> range, MicromegasProfile profile,
            OptionalLong materializedBeforeNanos) throws SQLException {
        String begin = range.map(r -> timestampNs(r.beginNanos())).orElse("CAST(NULL AS TIMESTAMP_NS)");
        String end = range.map(r -> timestampNs(r.endNanos())).orElse("CAST(NULL AS TIMESTAMP_NS)");
        String materialized = materializedBeforeNanos.isPresent()
                ? timestampNs(materializedBeforeNanos.getAsLong()) : "CAST(NULL AS TIMESTAMP_NS)";
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET VARIABLE " + QueryOptions.RANGE_BEGIN + " = " + begin + "; "
                    + "SET VARIABLE " + QueryOptions.RANGE_END + " = " + end + "; "
                    + "SET VARIABLE mm_materialized_before = " + materialized + "; "
                    + "SET search_path = '" + profile.searchPath() + "'");
        }
    }

    private static String timestampNs(long epochNanos) {
        return "make_timestamp_ns(" + epochNanos + ")";
    }

    /**
     * The client's {@code sql} as DuckDB runs it: in DuckDB's dialect ({@link DataFusionSqlDialect}),
     * under an outer {@code LIMIT n} when asked, like DataFusion's {@code df.limit(0, Some(n))}.
     */
    static String executable(String sql, OptionalLong limit) {
        String duckDb = DataFusionSqlDialect.toDuckDb(sql);
        if (limit.isEmpty()) {
            return duckDb;
        }
        return "SELECT * FROM (" + withoutTrailingSemicolons(duckDb) + "\n) LIMIT " + limit.getAsLong();
    }

    /**
     * The message of a failed statement. With streamed results, DuckDB's JDBC driver reports an
     * error raised while the query runs (such as thread_spans' "query range mandatory" or "Stream
     * not found") only as "Invalid result set"; running the statement again into a temporary table
     * on the request's connection (same variables) recovers the real message.
     */
    static String diagnosed(Connection connection, String sql, SQLException failure) {
        String message = failure.getMessage();
        if (message == null || !message.contains("Invalid result set")) {
            return message;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE mm_failed_statement AS " + withoutTrailingSemicolons(
                    DataFusionSqlDialect.toDuckDb(sql)));
            return message;
        } catch (SQLException real) {
            return real.getMessage();
        }
    }

    private static String withoutTrailingSemicolons(String sql) {
        String trimmed = sql.strip();
        while (trimmed.endsWith(";")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
        }
        return trimmed;
    }
}
