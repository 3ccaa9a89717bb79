package framebudgets.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.config.ReportWindow;
import framebudgets.testing.SharedSpark;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLogWriterTest {
    @TempDir
    Path dir;

    @Test
    void appendsOneRowPerRun() {
        SparkSession spark = SharedSpark.get();
        String location = dir.resolve("run_log").toString();
        RunLogWriter writer = new RunLogWriter(spark);
        ReportWindow window = ReportWindow.ofDate(LocalDate.parse("2026-11-23"));
        Instant t0 = Instant.parse("2026-11-24T01:00:00Z");
        writer.append(location, new RunLogEntry("run-a", window, t0, t0.plusSeconds(60), "partial", "sha256:abc",
                3, 2, List.of(new RunLogEntry.ProcessFailure("p-3", "INTERNAL: boom")),
                List.of(new RunLogEntry.ProcessFailure("p-4", "no main thread")), 1234,
                Map.of("top_offenders", 10L), null, Map.of("invalid_span_times", 2L)));
        writer.append(location, new RunLogEntry("run-b", window, t0, t0.plusSeconds(30), "ok", "sha256:abc",
                3, 3, List.of(), List.of(), 1500, Map.of("top_offenders", 12L), null, null));

        List<Row> rows = spark.read().format("delta").load(location).orderBy("run_id").collectAsList();
        assertEquals(2, rows.size());
        Row a = rows.get(0);
        assertEquals("partial", a.getAs("status"));
        assertEquals(1, (int) a.getAs("processes_failed"));
        assertEquals("p-3", ((Row) a.getList(a.fieldIndex("failures")).get(0)).getString(0));
        assertEquals(1, (int) a.getAs("processes_skipped"));
        assertEquals("p-4", ((Row) a.getList(a.fieldIndex("skipped")).get(0)).getString(0));
        assertEquals(10L, a.getJavaMap(a.fieldIndex("rows_written")).get("top_offenders"));
        assertEquals(Map.of("invalid_span_times", 2L), a.getJavaMap(a.fieldIndex("data_issues")));
        assertEquals("ok", rows.get(1).getAs("status"));
        assertTrue(rows.get(1).isNullAt(rows.get(1).fieldIndex("data_issues")), "a run that counted nothing");
    }
}
