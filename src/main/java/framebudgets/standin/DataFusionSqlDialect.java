package framebudgets.standin;

/**
 * Bridges DataFusion SQL, which micromegas clients write, to DuckDB SQL. DataFusion accepts
 * {@code end} as a bare column name ({@code SELECT begin, end FROM view_instance(...)}, the seed
 * frame-budget queries); DuckDB reserves it. This quotes every {@code end} that does not close a
 * {@code CASE}, leaving string literals, quoted identifiers and comments untouched.
 */
public final class DataFusionSqlDialect {

    private DataFusionSqlDialect() {}

    /** {@code sql} with bare {@code end} identifiers written as {@code "end"}. */
    public static String toDuckDb(String sql) {
        StringBuilder out = new StringBuilder(sql.length() + 8);
        int openCases = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int close = closingQuote(sql, i, c);
                out.append(sql, i, close);
                i = close;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int close = sql.indexOf('\n', i);
                close = close < 0 ? n : close;
                out.append(sql, i, close);
                i = close;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                close = close < 0 ? n : close + 2;
                out.append(sql, i, close);
                i = close;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
                    i++;
                }
                String word = sql.substring(start, i);
                if (word.equalsIgnoreCase("case")) {
                    openCases++;
                    out.append(word);
                } else if (word.equalsIgnoreCase("end") && openCases > 0) {
                    openCases--;
                    out.append(word);
                } else if (word.equalsIgnoreCase("end")) {
                    out.append("\"end\"");
                } else {
                    out.append(word);
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Index just past the quote closing the one at {@code open} (doubled quotes escape). */
    private static int closingQuote(String sql, int open, char quote) {
        int i = open + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }
}
