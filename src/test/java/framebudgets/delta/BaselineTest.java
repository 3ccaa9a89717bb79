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
 * (dates before and after, two windows in one day, two executables, several builds), and budget
 * changes judged against it, worked out by hand.
 */
class BaselineTest {
    private static final long MS = 1_000_000L;
    private static final StructType AGGREGATES = new StructType()
            .add("exe", DataTypes.StringType).add("build", DataTypes.StringType).add("budget", DataTypes.StringType)
            .add("mean_duration", DataTypes.DoubleType).add("p95_duration", DataTypes.LongType)
            .add("total_frames", DataTypes.LongType);

    @TempDir
    Path dir;

    private final SparkSession spark = SharedSpark.get();

    private Dataset<Row> aggregates(Object[]... rows) {
        return spark.createDataFrame(Arrays.stream(rows).map(RowFactory::create).collect(Collectors.toList()), AGGREGATES);
    }

    private List<String> baseline(String location, LocalDate reportDate, Optional<LocalDate> date) {
        return new BaselineReader(spark).read(location, reportDate, date).collectAsList().stream()
                .map(r -> r.getAs("exe") + "|" + r.getAs("build") + "|" + r.getAs("budget") + "|" + r.getAs("report_date") + "|"
                        + r.getAs("p95_duration"))
                .sorted().collect(Collectors.toList());
    }

    @Test
    void latestEarlierReportOfEachExeOrTheConfiguredDateAndItsBuildWithTheMostFrames() {
        String location = dir.resolve("aggregates_by_exe").toString();
        ReportTableWriter writer = new ReportTableWriter(spark);
        writer.replaceWindow(location, aggregates(new Object[] {"Game.exe", "CL-1", "Render", 1.0, 20L, 100L}), day("2025-07-20"), "r1");
        writer.replaceWindow(location, aggregates(new Object[] {"Game.exe", "CL-1", "Render", 1.0, 23L, 50L},
                new Object[] {"Game.exe", "CL-2", "Render", 1.0, 24L, 300L}, new Object[] {"Game.exe", "CL-2", "Physics", 1.0, 240L, 300L}),
                day("2025-07-23"), "r2");
        writer.replaceWindow(location, aggregates(new Object[] {"Game.exe", "CL-3", "Render", 1.0, 999L, 900L}),
                new ReportWindow(Instant.parse("2025-07-23T08:00:00Z"), Instant.parse("2025-07-23T20:00:00Z"), LocalDate.parse("2025-07-23")), "r3");
        writer.replaceWindow(location, aggregates(new Object[] {"Game.exe", "CL-4", "Render", 1.0, 25L, 100L}), day("2025-07-25"), "r4");
        writer.replaceWindow(location, aggregates(new Object[] {"Tool.exe", null, "Render", 1.0, 9L, 10L},
                new Object[] {"Tool.exe", "CL-7", "Render", 1.0, 10L, 10L}, new Object[] {null, null, "Render", 1.0, 11L, 5L}),
                day("2025-07-10"), "r5");

        assertEquals(List.of("Game.exe|CL-2|Physics|2025-07-23|240", "Game.exe|CL-2|Render|2025-07-23|24",
                "Tool.exe|CL-7|Render|2025-07-10|10", "null|null|Render|2025-07-10|11"),
                baseline(location, LocalDate.parse("2025-07-24"), Optional.empty()),
                "the latest window of the latest earlier date; in it the build with the most frames (a tie: the greatest name, null last)");
        assertEquals(List.of("Game.exe|CL-1|Render|2025-07-20|20"),
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
    void aTableFromBeforeBuildsIsABaselineOfANullBuild() {
        String location = dir.resolve("before-builds").toString();
        Dataset<Row> old = spark.createDataFrame(List.of(RowFactory.create("Game.exe", "Render", 1.0, 7L, 10L)), new StructType()
                .add("exe", DataTypes.StringType).add("budget", DataTypes.StringType).add("mean_duration", DataTypes.DoubleType)
                .add("p95_duration", DataTypes.LongType).add("total_frames", DataTypes.LongType));
        new ReportTableWriter(spark).replaceWindow(location, old, day("2025-07-20"), "old");
        assertEquals(List.of("Game.exe|null|Render|2025-07-20|7"), baseline(location, LocalDate.parse("2025-07-24"), Optional.empty()));
    }

    @Test
    void changesAndRegressionsWorkedByHand() {
        Date then = Date.valueOf("2025-07-23");
        String old = "CL-2";
        List<Row> base = new ArrayList<>(List.of(
                RowFactory.create("Game.exe", old, "Physics", then, 4.0 * MS, 8 * MS),
                RowFactory.create("Game.exe", old, "Render", then, 2.0 * MS, 4 * MS),
                RowFactory.create("Game.exe", old, "Tiny", then, 0.01 * MS, 100_000L),
                RowFactory.create("Game.exe", old, "Zero", then, 0.0, 0L),
                RowFactory.create("Game.exe", old, "Gone", then, 1.0 * MS, MS),
                RowFactory.create(null, null, "Physics", then, 1.0 * MS, MS)));
        Dataset<Row> baseline = spark.createDataFrame(base, BaselineReader.SCHEMA);
        Dataset<Row> current = aggregates(
                new Object[] {"Game.exe", "CL-3", "Physics", 5.0 * MS, 10 * MS, 10L},
                new Object[] {"Game.exe", "CL-2", "Physics", 4.0 * MS, 8_400_000L, 10L},
                new Object[] {"Game.exe", "CL-3", "Render", 2.1 * MS, 4_200_000L, 10L},
                new Object[] {"Game.exe", "CL-3", "Tiny", 0.02 * MS, 150_000L, 10L},
                new Object[] {"Game.exe", "CL-3", "Zero", 0.5 * MS, MS, 10L},
                new Object[] {"Game.exe", "CL-3", "New", 1.0 * MS, MS, 10L},
                new Object[] {null, null, "Physics", 1.0 * MS, 2 * MS, 10L});
        List<String> changes = new BudgetChanges(10.0, 100_000L).compare(current, baseline).collectAsList().stream()
                .map(r -> r.getAs("exe") + "|" + r.getAs("build") + "|" + r.getAs("budget") + "|" + r.getAs("baseline_report_date") + "|"
                        + r.getAs("baseline_build") + "|" + r.getAs("change_p95_duration") + "|" + r.getAs("change_p95_percent") + "|"
                        + r.getAs("change_mean_percent") + "|" + r.getAs("regression"))
                .sorted().collect(Collectors.toList());
        assertEquals(List.of(
                "Game.exe|CL-2|Physics|2025-07-23|CL-2|400000|5.0|0.0|false",
                "Game.exe|CL-3|Physics|2025-07-23|CL-2|2000000|25.0|25.0|true",
                "Game.exe|CL-3|Render|2025-07-23|CL-2|200000|5.0|" + (2.1 * MS - 2.0 * MS) * 100.0 / (2.0 * MS) + "|false",
                "Game.exe|CL-3|Tiny|2025-07-23|CL-2|50000|50.0|100.0|false",
                "Game.exe|CL-3|Zero|2025-07-23|CL-2|1000000|null|null|true",
                "null|null|Physics|2025-07-23|null|1000000|100.0|0.0|true"), changes,
                "every build of this report is compared with the baseline's build");
        assertEquals("regression threshold: must be a percentage >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> new BudgetChanges(-1, 0)).getMessage());
    }

    private static ReportWindow day(String date) {
        return ReportWindow.ofDate(LocalDate.parse(date));
    }
}
