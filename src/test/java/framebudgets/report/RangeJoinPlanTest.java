package framebudgets.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Spans meet frames without a nested-loop or Cartesian join in the executed plan, in both thread
 * modes: through the frame index (a per-partition lookup, no join at all), or, with more frames than
 * the index takes, through the equi-join on (process[, stream], time bin), both when Spark broadcasts
 * the frames (small local inputs) and when it shuffles both sides (scans of unknown size with
 * broadcasting off).
 */
class RangeJoinPlanTest {

    @ParameterizedTest(name = "{0}, {1} inputs, frame index of {2}")
    @CsvSource({"MAIN_THREAD, local, 1000000, MapPartitions", "ALL_THREADS, scanned, 1000000, MapPartitions",
                "MAIN_THREAD, local, 0, BroadcastHashJoin", "ALL_THREADS, local, 0, BroadcastHashJoin",
                "MAIN_THREAD, scanned, 0, SortMergeJoin", "ALL_THREADS, scanned, 0, SortMergeJoin"})
    void noNestedLoopOrCartesianJoin(ThreadMode mode, String inputs, int maxIndexedFrames, String expectedOperator) {
        SparkSession spark = SharedSpark.get();
        boolean local = inputs.equals("local");
        String previous = spark.conf().get("spark.sql.autoBroadcastJoinThreshold");
        spark.conf().set("spark.sql.autoBroadcastJoinThreshold", local ? "10MB" : "-1");
        try {
            Telemetry telemetry = NastyTelemetry.generate(7L);
            Dataset<Row> frameStats = FrameBudgetReport.compute(
                    input(telemetry.framesFrame(spark), local), input(telemetry.spansFrame(spark), local),
                    input(telemetry.processesFrame(spark), local),
                    ReportOptions.byBudget(BudgetMap.of(NastyTelemetry.BUDGETS)).threadMode(mode)
                            .maxIndexedFrames(maxIndexedFrames).build()).frameStats();
            String initialPlan = frameStats.queryExecution().executedPlan().toString();
            assertFalse(frameStats.collectAsList().isEmpty());
            String finalPlan = frameStats.queryExecution().executedPlan().toString();
            assertTrue(finalPlan.contains("isFinalPlan=true"), finalPlan);
            for (String plan : new String[] {initialPlan, finalPlan}) {
                assertFalse(plan.contains("NestedLoopJoin"), plan);
                assertFalse(plan.contains("CartesianProduct"), plan);
                assertTrue(plan.contains(expectedOperator), plan);
                assertTrue(expectedOperator.endsWith("Join") || !plan.contains("Join "), plan);
            }
        } finally {
            spark.conf().set("spark.sql.autoBroadcastJoinThreshold", previous);
        }
    }

    /** The scanned DataFrame, or the same rows as a local relation (whose small size Spark knows). */
    private static Dataset<Row> input(Dataset<Row> scanned, boolean local) {
        return local ? scanned.sparkSession().createDataFrame(scanned.collectAsList(), scanned.schema()) : scanned;
    }
}
