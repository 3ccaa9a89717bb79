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
 * the executed plan, neither when Spark broadcasts the frames (small local inputs) nor when it shuffles
 * both sides (scans of unknown size with broadcasting off), in both thread modes.
 */
class RangeJoinPlanTest {

    @ParameterizedTest(name = "{0}, {1} inputs")
    @CsvSource({"MAIN_THREAD, local, BroadcastHashJoin", "ALL_THREADS, local, BroadcastHashJoin",
                "MAIN_THREAD, scanned, SortMergeJoin", "ALL_THREADS, scanned, SortMergeJoin"})
    void noNestedLoopOrCartesianJoin(ThreadMode mode, String inputs, String expectedJoin) {
        SparkSession spark = SharedSpark.get();
        boolean local = inputs.equals("local");
        String previous = spark.conf().get("spark.sql.autoBroadcastJoinThreshold");
        spark.conf().set("spark.sql.autoBroadcastJoinThreshold", local ? "10MB" : "-1");
        try {
            Telemetry telemetry = NastyTelemetry.generate(7L);
            Dataset<Row> frameStats = FrameBudgetReport.compute(
                    input(telemetry.framesFrame(spark), local), input(telemetry.spansFrame(spark), local),
                    input(telemetry.processesFrame(spark), local),
                    ReportOptions.byBudget(BudgetMap.of(NastyTelemetry.BUDGETS)).withThreadMode(mode)).frameStats();
            String initialPlan = frameStats.queryExecution().executedPlan().toString();
            assertFalse(frameStats.collectAsList().isEmpty());
            String finalPlan = frameStats.queryExecution().executedPlan().toString();
            assertTrue(finalPlan.contains("isFinalPlan=true"), finalPlan);
            for (String plan : new String[] {initialPlan, finalPlan}) {
                assertFalse(plan.contains("NestedLoopJoin"), plan);
                assertFalse(plan.contains("CartesianProduct"), plan);
                assertTrue(plan.contains(expectedJoin), plan);
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
