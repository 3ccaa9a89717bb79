package framebudgets.bench;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * Counts the Spark jobs and tasks a piece of work launches, by the job description the job's phase
 * set (the report names each phase in the Spark UI; jobs started outside a phase count as
 * "(no phase)"), so the benchmark can say where a run's fixed costs are: every collect, count,
 * Delta snapshot or history read is a job of its own.
 */
final class SparkJobTally extends SparkListener {
    private static final String DESCRIPTION = "spark.job.description";

    /** Per phase: jobs, tasks run. */
    private final Map<String, int[]> byPhase = new LinkedHashMap<>();
    private final Map<Integer, int[]> byStage = new HashMap<>();

    /** Runs {@code work} with a tally listening, and returns the tally. */
    static SparkJobTally of(SparkSession spark, Contender.Work work) throws Exception {
        SparkJobTally tally = new SparkJobTally();
        spark.sparkContext().addSparkListener(tally);
        try {
            work.run();
            spark.sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            spark.sparkContext().removeSparkListener(tally);
        }
        return tally;
    }

    @Override
    public synchronized void onJobStart(SparkListenerJobStart job) {
        String phase = job.properties() == null ? null : job.properties().getProperty(DESCRIPTION);
        int[] counts = byPhase.computeIfAbsent(phase == null ? "(no phase)" : phase.replace("frame-budgets: ", ""),
                p -> new int[2]);
        counts[0]++;
        scala.collection.Iterator<Object> stages = job.stageIds().iterator();
        while (stages.hasNext()) {
            byStage.put((Integer) stages.next(), counts);
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd task) {
        int[] counts = byStage.get(task.stageId());
        if (counts != null) {
            counts[1]++;
        }
    }

    synchronized int jobs() {
        return byPhase.values().stream().mapToInt(c -> c[0]).sum();
    }

    /** "N Spark jobs (T tasks; ...: phase a 3/12, phase b 1/2, ...)" in the order the phases first ran. */
    @Override
    public synchronized String toString() {
        int tasks = byPhase.values().stream().mapToInt(c -> c[1]).sum();
        return jobs() + " Spark jobs (" + tasks + " tasks; jobs/tasks per phase: " + byPhase.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()[0] + "/" + e.getValue()[1])
                .collect(Collectors.joining(", ")) + ")";
    }
}
