package framebudgets.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import framebudgets.config.ReportWindow;
import framebudgets.testing.SharedSpark;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTableWriterTest {
    @TempDir
    Path dir;

    private final SparkSession spark = SharedSpark.get();
    private static final StructType SCHEMA = new StructType()
            .add("budget", DataTypes.StringType, false)
            .add("sum_duration", DataTypes.LongType, false);

    private Dataset<Row> rows(Object[]... values) {
        return spark.createDataFrame(
                java.util.Arrays.stream(values).map(RowFactory::create).collect(Collectors.toList()), SCHEMA);
    }

    private List<String> contents(String location) {
        return spark.read().format("delta").load(location)
                .orderBy("report_date", "window_from", "window_to", "budget").collectAsList().stream()
                .map(r -> r.getAs("report_date") + "|" + r.getAs("window_from") + "|" + r.getAs("window_to") + "|" + r.getAs("run_id") + "|"
                        + r.getAs("budget") + "|" + r.getAs("sum_duration"))
                .collect(Collectors.toList());
    }

    @Test
    void rerunReplacesOnlyItsOwnWindow() {
        String location = dir.resolve("aggregates").toString();
        ReportTableWriter writer = new ReportTableWriter(spark);
        ReportWindow day1 = ReportWindow.ofDate(LocalDate.parse("2026-11-22"));
        ReportWindow day2 = ReportWindow.ofDate(LocalDate.parse("2026-11-23"));
        ReportWindow morningOfDay2 = new ReportWindow(
                Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-23T12:00:00.000000500Z"), LocalDate.parse("2026-11-23"));

        assertEquals(2, writer.replaceWindow(location, rows(new Object[] {"Render", 10L}, new Object[] {"Physics", 20L}), day1, "run-1"));
        assertEquals(1, writer.replaceWindow(location, rows(new Object[] {"Render", 30L}), day2, "run-2"));
        assertEquals(1, writer.replaceWindow(location, rows(new Object[] {"Render", 35L}), morningOfDay2, "run-3"));
        // the same window again, with other results: replaced, not duplicated; other windows untouched
        assertEquals(1, writer.replaceWindow(location, rows(new Object[] {"Audio", 40L}), day1, "run-4"));

        assertEquals(List.of(
                "2026-11-22|2026-11-22 00:00:00.0|2026-11-23 00:00:00.0|run-4|Audio|40",
                "2026-11-23|2026-11-23 00:00:00.0|2026-11-23 12:00:00.0|run-3|Render|35",
                "2026-11-23|2026-11-23 00:00:00.0|2026-11-24 00:00:00.0|run-2|Render|30"), contents(location));

        Row commit = spark.sql("DESCRIBE HISTORY delta.`" + location + "` LIMIT 1").select("userMetadata").head();
        assertEquals("run-4", commit.getString(0));
        List<String> partitionColumns = spark.sql("DESCRIBE DETAIL delta.`" + location + "`").head().getList(
                spark.sql("DESCRIBE DETAIL delta.`" + location + "`").schema().fieldIndex("partitionColumns"));
        assertEquals(List.of("report_date"), partitionColumns);
    }

    @Test
    void anEmptyWindowWritesNoRowsAndSaysSo() {
        String location = dir.resolve("top").toString();
        ReportTableWriter writer = new ReportTableWriter(spark);
        ReportWindow day1 = ReportWindow.ofDate(LocalDate.parse("2026-11-22"));
        ReportWindow day2 = ReportWindow.ofDate(LocalDate.parse("2026-11-23"));
        assertEquals(2, writer.replaceWindow(location, rows(new Object[] {"Render", 10L}, new Object[] {"Physics", 20L}), day1, "run-1"));

        assertEquals(0, writer.replaceWindow(location, rows(), day2, "run-2"));
        assertEquals(0, writer.replaceWindow(location, rows(), day1, "run-3"));

        assertEquals(List.of(), contents(location));
        Row commit = spark.sql("DESCRIBE HISTORY delta.`" + location + "` LIMIT 1").select("userMetadata").head();
        assertEquals("run-3", commit.getString(0));
    }
}
