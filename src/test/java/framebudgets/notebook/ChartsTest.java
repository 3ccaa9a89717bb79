package framebudgets.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.testing.SharedSpark;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

class ChartsTest {
    private final SparkSession spark = SharedSpark.get();

    private Dataset<Row> sql(String query) {
        return spark.sql(query);
    }

    @Test
    void barsKeepTheRowOrderAndValues() {
        CategoryChart chart = Charts.barChart(sql(
                "SELECT * FROM VALUES ('Render', 40.5), ('Physics', 30.0), ('GC', NULL), ('AI', 2.25) AS t(budget, share)"),
                "budget", "share", "t", "%");
        var series = chart.getSeriesMap().get("share");
        assertEquals(List.of("Render", "Physics", "AI"), new ArrayList<>(series.getXData()));
        assertEquals(List.of(40.5, 30.0, 2.25), toDoubles(series.getYData()));
    }

    @Test
    void frameTimesMarkOnlyFramesAboveTheThreshold() {
        Dataset<Row> frames = sql("SELECT * FROM VALUES (0.0, 16.6), (0.1, 50.0), (0.2, 33.3), (0.3, 33.4) AS t(seconds, frame_ms)");
        XYChart chart = Charts.frameTimesChart(frames, "seconds", "frame_ms", 33.3, "t");
        assertArrayEquals(new double[] {0.1, 0.3}, chart.getSeriesMap().get("2 hitches").getXData());
        assertArrayEquals(new double[] {16.6, 50.0, 33.3, 33.4}, chart.getSeriesMap().get("frame time").getYData());

        BufferedImage image = Charts.frameTimes(frames, "seconds", "frame_ms", 33.3, "t");
        assertEquals(900, image.getWidth());
        assertTrue(hasColour(image, 0xD62728), "hitch markers are drawn in red");
    }

    @Test
    void stackedBarsFillMissingPartsWithZero() {
        CategoryChart chart = Charts.stackedChart(sql(
                "SELECT * FROM VALUES ('f1', 'Game', 10), ('f1', 'GC', 5), ('f2', 'Game', 7), ('f1', 'Game', 1) AS t(frame, budget, ms)"),
                "frame", "budget", "ms", "t", "ms");
        assertEquals(List.of("f1", "f2"), new ArrayList<>(chart.getSeriesMap().get("Game").getXData()));
        assertEquals(List.of(11.0, 7.0), toDoubles(chart.getSeriesMap().get("Game").getYData()));
        assertEquals(List.of(5.0, 0.0), toDoubles(chart.getSeriesMap().get("GC").getYData()));
        assertTrue(chart.getStyler().isStacked());
    }

    @Test
    void distributionHasOneBoxPerGroupOnALogAxis() {
        BoxChart chart = Charts.distributionChart(sql(
                "SELECT * FROM VALUES ('Game', 4.0), ('GC', 0.0), ('Game', 250.0), ('GC', 12.0), ('AI', 1.0) AS t(budget, ms)"),
                "budget", "ms", "t", "ms");
        assertEquals(List.of("Game", "GC", "AI"), new ArrayList<>(chart.getSeriesMap().keySet()));
        assertEquals(List.of(12.0), toDoubles(chart.getSeriesMap().get("GC").getYData()));
        assertTrue(chart.getStyler().isYAxisLogarithmic());
    }

    @Test
    void badColumnsAreNamed() {
        Dataset<Row> rows = sql("SELECT 'Render' AS budget, 'lots' AS share");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Charts.bars(rows, "budget", "share_pct", "t", "%"));
        assertTrue(missing.getMessage().contains("'share_pct'"), missing.getMessage());
        IllegalArgumentException notNumeric = assertThrows(IllegalArgumentException.class,
                () -> Charts.bars(rows, "budget", "share", "t", "%"));
        assertTrue(notNumeric.getMessage().contains("'share' must be numeric"), notNumeric.getMessage());
    }

    private static List<Double> toDoubles(Iterable<? extends Number> values) {
        List<Double> out = new ArrayList<>();
        values.forEach(v -> out.add(v.doubleValue()));
        return out;
    }

    private static boolean hasColour(BufferedImage image, int rgb) {
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }
}
