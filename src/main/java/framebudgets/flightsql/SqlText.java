package framebudgets.flightsql;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL the source writes around a user's query: ANSI identifier and string quoting (embedded
 * quotes doubled), and the pushdown wrapper {@code SELECT cols FROM (query) AS q WHERE ... LIMIT n}.
 */
final class SqlText {
    private SqlText() {}

    static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String string(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }

    /**
     * {@code query} with the pruned columns, pushed conditions and limit applied; the query itself
     * when nothing was pushed. The query goes on lines of its own so a trailing {@code --} comment
     * cannot swallow the closing parenthesis; trailing semicolons are dropped.
     */
    static String wrap(String query, List<String> columns, List<String> conditions, Integer limit) {
        if (columns == null && conditions.isEmpty() && limit == null) {
            return query;
        }
        String select = columns == null ? "*"
                : columns.isEmpty() ? "1 AS " + identifier("_flightsql_row")
                : columns.stream().map(SqlText::identifier).collect(Collectors.joining(", "));
        StringBuilder sql = new StringBuilder("SELECT ").append(select)
                .append(" FROM (\n").append(stripTerminator(query)).append("\n) AS q");
        if (!conditions.isEmpty()) {
            sql.append(" WHERE ").append(conditions.stream().map(c -> "(" + c + ")").collect(Collectors.joining(" AND ")));
        }
        if (limit != null) {
            sql.append(" LIMIT ").append(limit);
        }
        return sql.toString();
    }

    private static String stripTerminator(String query) {
        String trimmed = query.strip();
        while (trimmed.endsWith(";")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
        }
        return trimmed;
    }
}
