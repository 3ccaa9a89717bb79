package framebudgets.bench;

import framebudgets.standin.StandinDatabase;
import java.nio.file.Path;

/**
 * Opens the file-backed DuckDB database a benchmark's data goes into, with a bounded DuckDB memory
 * limit: DuckDB's default (80% of the machine's memory) let a 100M-span generation take 19 GB of
 * the 24 GB shared with Spark. Above the limit DuckDB spills to a temporary folder next to the
 * file. {@code BENCH_DUCKDB_MEMORY} changes the limit (a DuckDB size such as {@code 6GB}).
 */
final class BenchDatabase {
    static final String DEFAULT_MEMORY_LIMIT = "4GB";

    private BenchDatabase() {}

    static StandinDatabase open(Path directory) {
        String limit = System.getenv().getOrDefault("BENCH_DUCKDB_MEMORY", DEFAULT_MEMORY_LIMIT);
        if (!limit.matches("[0-9]+(\\.[0-9]+)?\\s*[KMGT]i?B")) {
            throw new IllegalArgumentException("BENCH_DUCKDB_MEMORY: expected a size such as 4GB, got '" + limit + "'");
        }
        StandinDatabase database = StandinDatabase.open(directory.resolve("telemetry.duckdb"));
        try {
            database.execute("SET memory_limit = '" + limit + "'; SET temp_directory = '"
                    + directory.resolve("duckdb-spill").toAbsolutePath().toString().replace("'", "''") + "'");
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }
}
