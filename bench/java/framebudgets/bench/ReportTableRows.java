package framebudgets.bench;

import framebudgets.config.OutputSettings;
import framebudgets.delta.ReportTableWriter;
import framebudgets.report.ReportSchemas;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The rows of one report table, from the job's Delta table (the report date's rows, the
 * {@link ReportSchemas} columns) or from the peer's DuckDB table, as sorted lists of values with
 * integers as {@code Long} and floating point as {@code Double} (compared exactly), so that two
 * sources' rows can be compared row for row.
 */
record ReportTableRows(String table, List<String> rows) {

    static final Map<String, StructType> SCHEMAS = Map.of("frame_stats", ReportSchemas.FRAME_STATS,
            "aggregates_by_process", ReportSchemas.AGGREGATES_BY_PROCESS, "aggregates_by_exe", ReportSchemas.AGGREGATES_BY_EXE,
            "top_offenders", ReportSchemas.TOP_OFFENDERS);

    /** The report date's rows of {@code table} as the job wrote them. */
    static ReportTableRows ofDelta(SparkSession spark, OutputSettings out, String table, LocalDate reportDate) {
        String location = switch (table) {
            case "frame_stats" -> out.location(out.frameStats());
            case "aggregates_by_process" -> out.location(out.aggregatesByProcess());
            case "aggregates_by_exe" -> out.location(out.aggregatesByExe());
            case "top_offenders" -> out.location(out.topOffenders());
            default -> throw new IllegalArgumentException("unknown table " + table);
        };
        String[] columns = SCHEMAS.get(table).fieldNames();
        List<Row> rows = spark.read().format("delta").load(location)
                .where(ReportTableWriter.REPORT_DATE + " = DATE'" + reportDate + "'")
                .selectExpr(columns).collectAsList();
        List<String> lines = new ArrayList<>(rows.size());
        for (Row row : rows) {
            List<Object> values = new ArrayList<>(columns.length);
            for (int i = 0; i < columns.length; i++) {
                values.add(normal(row.get(i)));
            }
            lines.add(values.toString());
        }
        return new ReportTableRows(table, sorted(lines));
    }

    /** The rows of the peer's {@code peer_<table>}, the same columns. */
    static ReportTableRows ofDuckDb(Connection connection, String table) throws SQLException {
        String[] columns = SCHEMAS.get(table).fieldNames();
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT " + String.join(", ", quoted(columns)) + " FROM peer_" + table)) {
            while (rs.next()) {
                List<Object> values = new ArrayList<>(columns.length);
                for (int i = 1; i <= columns.length; i++) {
                    values.add(normal(rs.getObject(i)));
                }
                rows.add(values.toString());
            }
        }
        return new ReportTableRows(table, sorted(rows));
    }

    /** SHA-256 of the sorted rows and their count: what a contender's answer holds for this table. */
    String digest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            rows.forEach(r -> sha.update((r + "\n").getBytes(StandardCharsets.UTF_8)));
            return rows.size() + " rows, sha256 " + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "equal" or how they differ: rows only on one side (multisets), the first of each. */
    String compareWith(ReportTableRows other) {
        if (rows.equals(other.rows)) {
            return table + ": " + rows.size() + " rows, equal";
        }
        List<String> onlyHere = new ArrayList<>();
        List<String> onlyThere = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < rows.size() || j < other.rows.size()) {
            int c = i == rows.size() ? 1 : j == other.rows.size() ? -1 : rows.get(i).compareTo(other.rows.get(j));
            if (c == 0) {
                i++;
                j++;
            } else if (c < 0) {
                onlyHere.add(rows.get(i++));
            } else {
                onlyThere.add(other.rows.get(j++));
            }
        }
        return table + ": DIFFER (" + rows.size() + " vs " + other.rows.size() + " rows; " + onlyHere.size() + " only in the first, "
                + onlyThere.size() + " only in the second; first of each: " + (onlyHere.isEmpty() ? "-" : onlyHere.get(0)) + " / "
                + (onlyThere.isEmpty() ? "-" : onlyThere.get(0)) + ")";
    }

    private static List<String> sorted(List<String> rows) {
        List<String> copy = new ArrayList<>(rows);
        copy.sort(null);
        return List.copyOf(copy);
    }

    private static List<String> quoted(String[] columns) {
        List<String> out = new ArrayList<>();
        for (String c : columns) {
            out.add("\"" + c + "\"");
        }
        return out;
    }

    private static Object normal(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.longValueExact();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        return Objects.requireNonNullElse(value, "null");
    }
}
