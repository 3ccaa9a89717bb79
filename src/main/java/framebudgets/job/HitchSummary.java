package framebudgets.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;

import framebudgets.config.OutputSettings;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The run summary's lines on hitches: how many, and what made the longest ones (read back from the hitches table). */
final class HitchSummary {
    private static final int SHOWN = 5;

    private HitchSummary() {}

    static void print(PrintStream out, SparkSession spark, OutputSettings output, String window) {
        Dataset<Row> table = spark.read().format("delta").load(output.location(output.hitches())).where(window);
        List<Row> longest = table.orderBy(desc("frame_duration"), col("process_id"), col("frame_begin")).limit(SHOWN).collectAsList();
        out.printf(Locale.ROOT, "  hitches: %d; what made the longest (self ms over the budget's median frame):%n", table.count());
        for (Row h : longest) {
            StringBuilder grew = new StringBuilder();
            for (int i = 1; i <= framebudgets.report.Hitches.TOP; i++) {
                String budget = h.getAs("top" + i + "_budget");
                if (budget != null) {
                    grew.append(grew.length() == 0 ? "" : ", ").append(budget)
                            .append(String.format(Locale.ROOT, " +%.3f", h.<Long>getAs("top" + i + "_excess_duration") / 1e6));
                }
            }
            out.printf(Locale.ROOT, "    %9.3f ms (median %.3f) at %s of process %s: %s%n", h.<Long>getAs("frame_duration") / 1e6,
                    h.<Long>getAs("median_frame_duration") / 1e6, h.getAs("frame_begin_time"), h.<String>getAs("process_id"),
                    grew.length() == 0 ? "no budget grew" : grew);
        }
    }
}
