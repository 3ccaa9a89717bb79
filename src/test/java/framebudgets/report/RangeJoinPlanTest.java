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
 * The range join is an equi-join on (process[, stream], time bin): no nested-loop or Cartesian join in
 * the executed plan, whether Spark broadcasts the frames (small inputs) or shuffles both sides.
 */
class RangeJoinPlanTest {

    @ParameterizedTest(name = "{0}, broadcast threshold {1}")
    @CsvSource({"MAIN_THREAD, 10MB", "ALL_THREADS, 10MB", "MAIN_THREAD, -1", "ALL_THREADS, -1"})
    void noNestedLoopOrCartesianJoin(ThreadMode mode, String broadcastThreshold) {
        SparkSession spark = SharedSpark.get();
        String previous = spark.conf().get("spark.sql.autoBroadcastJoinThreshold");
        spark.conf().set("spark.sql.autoBroadcastJoinThreshold", broadcastThreshold);
        try {
            Telemetry telemetry = NastyTelemetry.generate(7L);
            Dataset<Row> frameStats = FrameBudgetReport.compute(telemetry.framesFrame(spark), telemetry.spansFrame(spark),
                    telemetry.processesFrame(spark), ReportOptions.byBudget(BudgetMap.of(NastyTelemetry.BUDGETS))
                            .withThreadMode(mode)).frameStats();
            String initialPlan = frameStats.queryExecution().executedPlan().toString();
            assertFalse(frameStats.collectAsList().isEmpty());
            String finalPlan = frameStats.queryExecution().executedPlan().toString();
            assertTrue(finalPlan.contains("isFinalPlan=true"), finalPlan);
            for (String plan : new String[] {initialPlan, finalPlan}) {
                assertFalse(plan.contains("NestedLoopJoin"), plan);
                assertFalse(plan.contains("CartesianProduct"), plan);
                assertTrue(plan.contains(broadcastThreshold.equals("-1") ? "SortMergeJoin" : "BroadcastHashJoin"), plan);
            }
        } finally {
            spark.conf().set("spark.sql.autoBroadcastJoinThreshold", previous);
        }
    }
}
