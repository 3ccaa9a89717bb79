package framebudgets.flightsql;

import static org.junit.jupiter.api.Assertions.fail;

import framebudgets.testing.SharedSpark;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.SparkContext;
import org.apache.spark.status.api.v1.StageData;
import org.apache.spark.status.api.v1.TaskData;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The check every source test ends with, through the source's own rule: a task's Arrow memory
 * ({@link FlightSqlMemory}, a root allocator with a child per connection) closes only at zero bytes
 * with every child closed, else its close throws and Spark records the task as failed with Arrow's
 * message. This scans every task Spark's status store holds (succeeded, failed, killed) for such a
 * message. Driver-side calls (schema discovery, planning) throw on a leak themselves, failing the
 * test where they happen.
 */
public final class AllocatorChecks {
    /** Arrow's messages when an allocator closes with memory or children still held. */
    private static final Pattern ARROW_LEAK = Pattern.compile(
            "Memory was leaked|Memory leaked|closed with outstanding (buffers|child allocators|reservations)");

    private AllocatorChecks() {}

    public static void assertAllClosedAtZero() {
        SparkContext spark = SharedSpark.get().sparkContext();
        try {
            spark.listenerBus().waitUntilEmpty(10_000L);
        } catch (java.util.concurrent.TimeoutException e) {
            fail("Spark's listener bus did not drain: " + e);
        }
        List<StageData> stages = CollectionConverters.asJava(
                spark.statusStore().stageList(List.of(), false, false, new double[0], List.of()));
        for (StageData stage : stages) {
            for (TaskData task : CollectionConverters.asJava(
                    spark.statusStore().taskList(stage.stageId(), stage.attemptId(), Integer.MAX_VALUE))) {
                String error = task.errorMessage().isDefined() ? task.errorMessage().get() : "";
                if (ARROW_LEAK.matcher(error).find()) {
                    fail("task " + task.taskId() + " of stage " + stage.stageId() + " did not end at zero Arrow bytes: "
                            + error);
                }
            }
        }
    }
}
