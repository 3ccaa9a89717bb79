package framebudgets.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Exact comparison of a report DataFrame with expected rows (as a multiset: duplicate rows count). */
public final class ReportAssertions {
    private ReportAssertions() {}

    public static List<List<Object>> rows(Dataset<Row> table) {
        List<List<Object>> rows = new ArrayList<>();
        for (Row row : table.collectAsList()) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                values.add(row.get(i));
            }
            rows.add(values);
        }
        return rows;
    }

    public static void assertSameRows(String table, List<List<Object>> expected, Dataset<Row> actual) {
        assertSameRows(table, expected, rows(actual));
    }

    public static void assertSameRows(String table, List<List<Object>> expected, List<List<Object>> actualRows) {
        Map<List<Object>, Integer> balance = new HashMap<>();
        expected.forEach(r -> balance.merge(r, 1, Integer::sum));
        actualRows.forEach(r -> balance.merge(r, -1, Integer::sum));
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        balance.forEach((row, n) -> {
            if (n > 0) {
                missing.add(n + "x " + row);
            } else if (n < 0) {
                unexpected.add(-n + "x " + row);
            }
        });
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            fail(table + ": expected " + expected.size() + " rows, got " + actualRows.size()
                    + "\n missing (" + missing.size() + "): " + missing.subList(0, Math.min(10, missing.size()))
                    + "\n unexpected (" + unexpected.size() + "): " + unexpected.subList(0, Math.min(10, unexpected.size())));
        }
    }

    /** Same column names and types, in order (nullability is Spark's business). */
    public static void assertSchema(StructType expected, Dataset<Row> actual) {
        List<String> want = new ArrayList<>();
        for (StructField f : expected.fields()) {
            want.add(f.name() + ":" + f.dataType().simpleString());
        }
        List<String> got = new ArrayList<>();
        for (StructField f : actual.schema().fields()) {
            got.add(f.name() + ":" + f.dataType().simpleString());
        }
        assertEquals(want, got);
    }
}
