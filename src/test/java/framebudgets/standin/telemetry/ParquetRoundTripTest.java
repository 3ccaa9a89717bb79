package framebudgets.standin.telemetry;

import static framebudgets.standin.telemetry.TelemetryGeneratorTest.range;
import static framebudgets.standin.telemetry.TelemetryGeneratorTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetRoundTripTest {

    @Test
    void exportedTelemetryReplaysToTheSameAnswers(@TempDir Path directory) throws Exception {
        String sql = "SELECT name, count(*) AS n, sum(duration) AS total, min(\"begin\") AS first, "
                + "max(depth) AS deepest FROM view_instance('thread_spans', '%s') GROUP BY name ORDER BY name";
        try (Connection original = DriverManager.getConnection("jdbc:duckdb:");
                Connection replayed = DriverManager.getConnection("jdbc:duckdb:")) {
            TelemetryGenerator.Summary summary = TelemetryGenerator.generate(GeneratorSettings.defaults()
                    .withProcesses(1).withMinutes(0.5).withSpansPerFrame(150).withWorkers(1).withSampled(true)
                    .withEdgeCases(true), original);
            ParquetExport.export(original, directory);
            ParquetReplay.load(replayed, directory);
            for (Connection c : List.of(original, replayed)) {
                range(c, "2025-07-24 12:00:00", "2025-07-24 13:00:00");
            }
            String stream = summary.processes().get(0).gameThreadStreamId().toString();
            List<String> expected = rows(original, sql.formatted(stream), "name", "n", "total", "first", "deepest");
            assertTrue(expected.size() > 40);
            assertEquals(expected, rows(replayed, sql.formatted(stream), "name", "n", "total", "first", "deepest"));
            String all = "SELECT (SELECT sum(hash(b)) FROM blocks b) AS b, (SELECT sum(hash(p)) FROM processes p) AS p, "
                    + "(SELECT sum(hash(s)) FROM streams s) AS s, (SELECT count(*) FROM mm_spans) AS n";
            assertEquals(rows(original, all, "b", "p", "s", "n"), rows(replayed, all, "b", "p", "s", "n"));
        }
    }

    @Test
    void missingFilesAreNamed(@TempDir Path directory) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> ParquetReplay.load(connection, directory))
                    .getMessage().contains("processes.parquet"));
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> ParquetReplay.load(connection, directory.resolve("absent"))).getMessage().contains("absent"));
        }
    }
}
