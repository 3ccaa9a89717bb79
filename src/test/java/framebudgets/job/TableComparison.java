package framebudgets.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Compares every Delta table two runs wrote (one folder per table under each output root) as a
 * user sees them: the same tables, the same rows, ignoring what differs between any two runs (the
 * run id, the run log's times and config digest, which covers the output root).
 */
final class TableComparison {
    private static final Set<String> PER_RUN = Set.of("run_id", "started_at", "finished_at", "config_digest");

    private TableComparison() {}

    static void assertSameTables(SparkSession spark, Path expectedRoot, Path actualRoot) throws IOException {
        List<String> tables = tables(expectedRoot);
        assertFalse(tables.isEmpty(), "no Delta table under " + expectedRoot);
        assertEquals(tables, tables(actualRoot), "the Delta tables under " + actualRoot);
        for (String table : tables) {
            List<String> expected = rows(spark, expectedRoot.resolve(table));
            assertEquals(expected, rows(spark, actualRoot.resolve(table)), table + " differs from the other run's");
        }
    }

    /** The table's rows as sorted JSON lines, without the columns that differ between runs. */
    static List<String> rows(SparkSession spark, Path table) {
        Dataset<Row> rows = spark.read().format("delta").load(table.toString());
        return rows.drop(PER_RUN.toArray(String[]::new)).toJSON().collectAsList().stream().sorted().toList();
    }

    /** The folders under {@code root} that hold a Delta table, sorted. */
    static List<String> tables(Path root) throws IOException {
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(p -> Files.isDirectory(p.resolve("_delta_log")))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
