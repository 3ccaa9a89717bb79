package framebudgets.job;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.ui.SparkListenerSQLAdaptiveExecutionUpdate;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart;

/**
 * Collects the physical plan of every SQL execution Spark runs (and each adaptive re-plan), as the
 * Spark UI shows them, so a test can check what a whole job really executed, writes included.
 */
final class ExecutedPlans extends SparkListener {
    private final List<String> plans = new ArrayList<>();

    @Override
    public synchronized void onOtherEvent(SparkListenerEvent event) {
        if (event instanceof SparkListenerSQLExecutionStart start) {
            plans.add(start.physicalPlanDescription());
        } else if (event instanceof SparkListenerSQLAdaptiveExecutionUpdate update) {
            plans.add(update.physicalPlanDescription());
        }
    }

    synchronized void clear() {
        plans.clear();
    }

    /** The plans seen so far, once Spark has delivered every event already posted. */
    List<String> awaitAll(SparkSession spark) throws java.util.concurrent.TimeoutException {
        spark.sparkContext().listenerBus().waitUntilEmpty(60_000L);
        synchronized (this) {
            return List.copyOf(plans);
        }
    }
}
