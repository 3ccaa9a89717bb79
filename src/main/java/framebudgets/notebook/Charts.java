package framebudgets.notebook;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts of report DataFrames as images, so a Java notebook shows plots with one call and no
 * lambdas (the Jupyter kernel runs cells in JShell, where Spark lambdas do not work). Each method
 * collects the few columns it plots (at most {@link #MAX_ROWS} rows, in the DataFrame's order) and
 * renders an XChart chart to a {@link BufferedImage}, which the kernel displays as a PNG.
 * Rows with a null value are left out.
 */
public final class Charts {
    /** More rows than this is a mistake in the notebook (aggregate first), not something to plot. */
    public static final int MAX_ROWS = 200_000;

    private static final int WIDTH = 900;
    private static final int HEIGHT = 450;
    private static final Color HITCH = new Color(0xD6, 0x27, 0x28);
    private static final Color FRAME = new Color(0x1F, 0x77, 0xB4);
    /** 20 distinguishable colours (matplotlib's tab20), so up to 20 budgets never share one. */
    private static final Color[] PALETTE = {
        new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C), new Color(0xD62728), new Color(0x9467BD),
        new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F), new Color(0xBCBD22), new Color(0x17BECF),
        new Color(0xAEC7E8), new Color(0xFFBB78), new Color(0x98DF8A), new Color(0xFF9896), new Color(0xC5B0D5),
        new Color(0xC49C94), new Color(0xF7B6D2), new Color(0xC7C7C7), new Color(0xDBDB8D), new Color(0x9EDAE5)};

    private Charts() {}

    /** One bar per row: {@code label} on the x axis, {@code value} as the bar's height. */
    public static BufferedImage bars(Dataset<Row> rows, String label, String value, String title, String valueAxis) {
        return BitmapEncoder.getBufferedImage(barChart(rows, label, value, title, valueAxis));
    }

    /**
     * A box plot per group (in order of first appearance): the distribution of {@code value}, on a
     * logarithmic axis so that hitches and typical frames both show; values of 0 or less are left out.
     */
    public static BufferedImage distribution(Dataset<Row> rows, String group, String value, String title, String valueAxis) {
        return BitmapEncoder.getBufferedImage(distributionChart(rows, group, value, title, valueAxis));
    }

    /** Two bars per row, {@code baseline} next to {@code current}, to compare a run with its baseline. */
    public static BufferedImage comparison(Dataset<Row> rows, String label, String baseline, String current,
            String title, String valueAxis) {
        return BitmapEncoder.getBufferedImage(comparisonChart(rows, label, baseline, current, title, valueAxis));
    }

    /**
     * Frame time over time: a line of {@code durationMs} against {@code seconds}, with the frames
     * longer than {@code hitchMs} marked in red and the hitch threshold drawn as a line.
     */
    public static BufferedImage frameTimes(Dataset<Row> frames, String seconds, String durationMs, double hitchMs, String title) {
        return BitmapEncoder.getBufferedImage(frameTimesChart(frames, seconds, durationMs, hitchMs, title));
    }

    /**
     * Stacked bars: one bar per {@code category} (in order of first appearance), stacked by
     * {@code stack} with {@code value} as each part's height; a missing (category, stack) is 0.
     */
    public static BufferedImage stacked(Dataset<Row> rows, String category, String stack, String value,
            String title, String valueAxis) {
        return BitmapEncoder.getBufferedImage(stackedChart(rows, category, stack, value, title, valueAxis));
    }

    static CategoryChart barChart(Dataset<Row> rows, String label, String value, String title, String valueAxis) {
        List<String> labels = new ArrayList<>();
        List<Number> values = new ArrayList<>();
        for (Row r : collect(rows, label, value)) {
            if (!r.isNullAt(0) && !r.isNullAt(1)) {
                labels.add(String.valueOf(r.get(0)));
                values.add(number(r, 1, value));
            }
        }
        CategoryChart chart = categoryChart(title, label, valueAxis);
        chart.getStyler().setLegendVisible(false);
        chart.addSeries(value, labels, values);
        return chart;
    }

    static BoxChart distributionChart(Dataset<Row> rows, String group, String value, String title, String valueAxis) {
        Map<String, List<Number>> byGroup = new LinkedHashMap<>();
        for (Row r : collect(rows, group, value)) {
            if (!r.isNullAt(0) && !r.isNullAt(1) && number(r, 1, value).doubleValue() > 0) {
                byGroup.computeIfAbsent(String.valueOf(r.get(0)), g -> new ArrayList<>()).add(number(r, 1, value));
            }
        }
        BoxChart chart = new BoxChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(group).yAxisTitle(valueAxis).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setYAxisLogarithmic(true);
        for (Map.Entry<String, List<Number>> e : byGroup.entrySet()) {
            chart.addSeries(e.getKey(), e.getValue());
        }
        return chart;
    }

    static CategoryChart comparisonChart(Dataset<Row> rows, String label, String baseline, String current,
            String title, String valueAxis) {
        List<String> labels = new ArrayList<>();
        List<Number> before = new ArrayList<>();
        List<Number> after = new ArrayList<>();
        for (Row r : collect(rows, label, baseline, current)) {
            if (!r.isNullAt(0) && !r.isNullAt(1) && !r.isNullAt(2)) {
                labels.add(String.valueOf(r.get(0)));
                before.add(number(r, 1, baseline));
                after.add(number(r, 2, current));
            }
        }
        CategoryChart chart = categoryChart(title, label, valueAxis);
        chart.addSeries(baseline, labels, before);
        chart.addSeries(current, labels, after);
        return chart;
    }

    static XYChart frameTimesChart(Dataset<Row> frames, String seconds, String durationMs, double hitchMs, String title) {
        List<Row> rows = collect(frames, seconds, durationMs);
        double[] x = new double[rows.size()];
        double[] y = new double[rows.size()];
        double[] hitchX = new double[rows.size()];
        double[] hitchY = new double[rows.size()];
        int n = 0;
        int hitches = 0;
        for (Row r : rows) {
            if (r.isNullAt(0) || r.isNullAt(1)) {
                continue;
            }
            x[n] = number(r, 0, seconds).doubleValue();
            y[n] = number(r, 1, durationMs).doubleValue();
            if (y[n] > hitchMs) {
                hitchX[hitches] = x[n];
                hitchY[hitches] = y[n];
                hitches++;
            }
            n++;
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(seconds).yAxisTitle(durationMs).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        XYSeries line = chart.addSeries("frame time", Arrays.copyOf(x, n), Arrays.copyOf(y, n));
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(FRAME);
        if (n > 0) {
            XYSeries threshold = chart.addSeries(String.format("hitch threshold %.1f ms", hitchMs),
                    new double[] {x[0], x[n - 1]}, new double[] {hitchMs, hitchMs});
            threshold.setMarker(SeriesMarkers.NONE);
            threshold.setLineColor(Color.GRAY);
        }
        if (hitches > 0) {
            XYSeries marked = chart.addSeries(hitches + " hitches", Arrays.copyOf(hitchX, hitches), Arrays.copyOf(hitchY, hitches));
            marked.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            marked.setMarker(SeriesMarkers.CIRCLE);
            marked.setMarkerColor(HITCH);
        }
        return chart;
    }

    static CategoryChart stackedChart(Dataset<Row> rows, String category, String stack, String value,
            String title, String valueAxis) {
        List<String> categories = new ArrayList<>();
        Map<String, Map<String, Number>> byStack = new LinkedHashMap<>();
        for (Row r : collect(rows, category, stack, value)) {
            if (r.isNullAt(0) || r.isNullAt(1) || r.isNullAt(2)) {
                continue;
            }
            String c = String.valueOf(r.get(0));
            if (!categories.contains(c)) {
                categories.add(c);
            }
            byStack.computeIfAbsent(String.valueOf(r.get(1)), s -> new LinkedHashMap<>()).merge(c, number(r, 2, value),
                    (a, b) -> a.doubleValue() + b.doubleValue());
        }
        CategoryChart chart = categoryChart(title, category, valueAxis);
        chart.getStyler().setStacked(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        for (Map.Entry<String, Map<String, Number>> e : byStack.entrySet()) {
            List<Number> heights = new ArrayList<>(categories.size());
            for (String c : categories) {
                heights.add(e.getValue().getOrDefault(c, 0.0));
            }
            chart.addSeries(e.getKey(), categories, heights);
        }
        return chart;
    }

    private static CategoryChart categoryChart(String title, String xAxis, String yAxis) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xAxis).yAxisTitle(yAxis).build();
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setAvailableSpaceFill(0.8);
        chart.getStyler().setSeriesColors(PALETTE);
        return chart;
    }

    /** The named columns of the first {@link #MAX_ROWS} rows, in order; a missing column is named. */
    private static List<Row> collect(Dataset<Row> rows, String... columns) {
        List<String> present = Arrays.asList(rows.columns());
        for (String c : columns) {
            if (!present.contains(c)) {
                throw new IllegalArgumentException("chart: no column '" + c + "' in " + present);
            }
        }
        String[] rest = Arrays.copyOfRange(columns, 1, columns.length);
        List<Row> collected = rows.select(columns[0], rest).limit(MAX_ROWS + 1).collectAsList();
        if (collected.size() > MAX_ROWS) {
            throw new IllegalArgumentException("chart: more than " + MAX_ROWS + " rows to plot; aggregate or filter first");
        }
        return collected;
    }

    private static Number number(Row r, int i, String column) {
        Object v = r.get(i);
        if (v instanceof Number n) {
            return n;
        }
        throw new IllegalArgumentException("chart: column '" + column + "' must be numeric, got "
                + v.getClass().getSimpleName() + " '" + v + "'");
    }
}
