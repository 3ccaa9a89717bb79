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
        String begin = range.map(r -> timestampNs(r.beginNanos())).orElse("CAST(NULL AS TIMESTAMP_NS)");
        String end = range.map(r -> timestampNs(r.endNanos())).orElse("CAST(NULL AS TIMESTAMP_NS)");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET VARIABLE " + QueryOptions.RANGE_BEGIN + " = " + begin + "; "
                    + "SET VARIABLE " + QueryOptions.RANGE_END + " = " + end);
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

    private static String withoutTrailingSemicolons(String sql) {
        String trimmed = sql.strip();
        while (trimmed.endsWith(";")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
        }
        return trimmed;
    }
}
