package framebudgets.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import framebudgets.config.ReportWindow;
import framebudgets.report.BudgetChanges;
import framebudgets.testing.SharedSpark;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The baseline of a report, read from a real aggregates-by-exe Delta table written window by window
 * (dates before and after, two windows in one day, two executables), and budget changes judged
 * against it, worked out by hand.
 */
class BaselineTest {
    private static final long MS = 1_000_000L;
    private static final StructType AGGREGATES = new StructType()
            .add("exe", DataTypes.StringType).add("budget", DataTypes.StringType)
            .add("mean_duration", DataTypes.DoubleType).add("p95_duration", DataTypes.LongType);

    @TempDir
    Path dir;

    private final SparkSession spark = SharedSpark.get();

    private Dataset<Row> aggregates(Object[]... rows) {
        return spark.createDataFrame(Arrays.stream(rows).map(RowFactory::create).collect(Collectors.toList()), AGGREGATES);
    }

    private List<String> baseline(String location, LocalDate reportDate, Optional<LocalDate> date) {
        return new BaselineReader(spark).read(location, reportDate, date).collectAsList().stream()
                .map(r -> r.getAs("exe") + "|" + r.getAs("budget") + "|" + r.getAs("report_date") + "|" + r.getAs("p95_duration"))
                .sorted().collect(Collectors.toList());
    }

    @Test
    void latestEarlierReportOfEachExeOrTheConfiguredDate() {
        String location = dir.resolve("aggregates_by_exe").toString();
        ReportTableWriter writer = new ReportTableWriter(spark);
        writer.replaceWindow(location, aggregates(new Object[] {"Game.exe", "Render", 1.0, 20L}), day("2025-07-20"), "r1");
        writer.replaceWindow(location, aggregates(new Object[] {"Game.exe", "Render", 1.0, 23L}, new Object[] {"Game.exe", "Physics", 1.0, 230L}),
                day("2025-07-23"), "r2");
        writer.replaceWindow(location, aggregates(new Object[] {"Game.exe", "Render", 1.0, 999L}),
                new ReportWindow(Instant.parse("2025-07-23T08:00:00Z"), Instant.parse("2025-07-23T20:00:00Z"), LocalDate.parse("2025-07-23")), "r3");
        writer.replaceWindow(location, aggregates(new Object[] {"Game.exe", "Render", 1.0, 25L}), day("2025-07-25"), "r4");
        writer.replaceWindow(location, aggregates(new Object[] {"Tool.exe", "Render", 1.0, 10L}, new Object[] {null, "Render", 1.0, 11L}),
                day("2025-07-10"), "r5");

        assertEquals(List.of("Game.exe|Physics|2025-07-23|230", "Game.exe|Render|2025-07-23|23", "Tool.exe|Render|2025-07-10|10",
                "null|Render|2025-07-10|11"), baseline(location, LocalDate.parse("2025-07-24"), Optional.empty()));
        assertEquals(List.of("Game.exe|Render|2025-07-20|20"),
                baseline(location, LocalDate.parse("2025-07-24"), Optional.of(LocalDate.parse("2025-07-20"))));
        assertEquals(List.of(), baseline(location, LocalDate.parse("2025-07-10"), Optional.empty()), "nothing before the first report");
        assertEquals(List.of(), baseline(dir.resolve("none").toString(), LocalDate.parse("2025-07-24"), Optional.empty()), "first run");
    }

    @Test
    void aTableFromBeforePercentilesIsNoBaseline() {
        String location = dir.resolve("old").toString();
        Dataset<Row> old = spark.createDataFrame(List.of(RowFactory.create("Game.exe", "Render", 5L)),
                new StructType().add("exe", DataTypes.StringType).add("budget", DataTypes.StringType).add("sum_duration", DataTypes.LongType));
        new ReportTableWriter(spark).replaceWindow(location, old, day("2025-07-20"), "old");
        assertEquals(List.of(), baseline(location, LocalDate.parse("2025-07-24"), Optional.empty()));
    }

    @Test
    void changesAndRegressionsWorkedByHand() {
        Date then = Date.valueOf("2025-07-23");
        List<Row> base = new ArrayList<>(List.of(
                RowFactory.create("Game.exe", "Physics", then, 4.0 * MS, 8 * MS),
                RowFactory.create("Game.exe", "Render", then, 2.0 * MS, 4 * MS),
                RowFactory.create("Game.exe", "Tiny", then, 0.01 * MS, 100_000L),
                RowFactory.create("Game.exe", "Zero", then, 0.0, 0L),
                RowFactory.create("Game.exe", "Gone", then, 1.0 * MS, MS),
                RowFactory.create(null, "Physics", then, 1.0 * MS, MS)));
        Dataset<Row> baseline = spark.createDataFrame(base, BaselineReader.SCHEMA);
        Dataset<Row> current = aggregates(
                new Object[] {"Game.exe", "Physics", 5.0 * MS, 10 * MS},
                new Object[] {"Game.exe", "Render", 2.1 * MS, 4_200_000L},
                new Object[] {"Game.exe", "Tiny", 0.02 * MS, 150_000L},
                new Object[] {"Game.exe", "Zero", 0.5 * MS, MS},
                new Object[] {"Game.exe", "New", 1.0 * MS, MS},
                new Object[] {null, "Physics", 1.0 * MS, 2 * MS});
        List<String> changes = new BudgetChanges(10.0, 100_000L).compare(current, baseline).collectAsList().stream()
                .map(r -> r.getAs("exe") + "|" + r.getAs("budget") + "|" + r.getAs("baseline_report_date") + "|"
                        + r.getAs("change_p95_duration") + "|" + r.getAs("change_p95_percent") + "|" + r.getAs("change_mean_percent")
                        + "|" + r.getAs("regression"))
                .sorted().collect(Collectors.toList());
        assertEquals(List.of(
                "Game.exe|Physics|2025-07-23|2000000|25.0|25.0|true",
                "Game.exe|Render|2025-07-23|200000|5.0|" + (2.1 * MS - 2.0 * MS) * 100.0 / (2.0 * MS) + "|false",
                "Game.exe|Tiny|2025-07-23|50000|50.0|100.0|false",
                "Game.exe|Zero|2025-07-23|1000000|null|null|true",
                "null|Physics|2025-07-23|1000000|100.0|0.0|true"), changes);
        assertEquals("regression threshold: must be a percentage >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> new BudgetChanges(-1, 0)).getMessage());
    }

    private static ReportWindow day(String date) {
        return ReportWindow.ofDate(LocalDate.parse(date));
    }
}
