package framebudgets.standin.telemetry;

import java.sql.SQLException;
import java.util.SplittableRandom;

/**
 * Foreground/Background Worker #N: task-graph tasks (parallel animation, physics, Niagara, ticks,
 * render helpers) while the GameThread runs its tick groups; background workers do less.
 */
final class WorkerEmitter extends ThreadEmitter {

    private static final String[] TASKS = {
        "FParallelAnimationEvaluationTask", "FTickFunctionTask", "FNiagaraSystemInstanceFinalizeTask",
        "ParallelFor", "ExecuteTask", "FPhysicsSolverAdvanceTask", "FSimpleDelegateGraphTask.FinishPhysicsSim",
    };
    private static final String[] HELPERS = {"OcclusionCull", "GatherDynamicMeshElements"};

    private final double tasksPerFrame;

    WorkerEmitter(ThreadRecorder recorder, SplittableRandom random, FrameTimeline timeline, double scale,
            boolean foreground) {
        super(recorder, random, timeline, scale);
        this.tasksPerFrame = foreground ? 110 : 35;
    }

    @Override
    double spansPerFrame() {
        return 1.3 * Math.max(1, tasksPerFrame * scale);
    }

    @Override
    long activityBegin(int frame) {
        return timeline.begin[frame] + Math.round(timeline.duration[frame] * 0.25);
    }

    @Override
    long activityEnd(int frame) {
        return timeline.begin[frame] + Math.round(timeline.duration[frame] * 0.75);
    }

    @Override
    void emit(int f) throws SQLException {
        int tasks = scaled(tasksPerFrame, 1);
        long begin = activityBegin(f);
        long end = activityEnd(f);
        double[] w = new double[2 * tasks];
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextExponential() + 0.05;
        }
        long[] s = split(begin, end, w, -1, 0);
        for (int i = 0; i < tasks; i++) {
            long taskBegin = s[4 * i + 2];
            long taskEnd = s[4 * i + 3];
            String task = TASKS[random.nextInt(TASKS.length)];
            recorder.open(task, taskBegin);
            if (task.equals("ParallelFor")) {
                recorder.leaf(HELPERS[random.nextInt(HELPERS.length)], taskBegin + gap(), taskEnd - gap());
            } else if (task.equals("FTickFunctionTask")) {
                recorder.leaf(UnrealSpanCatalogue.ACTOR_TICKS[random.nextInt(UnrealSpanCatalogue.ACTOR_TICKS.length)],
                        taskBegin + gap(), taskEnd - gap());
            }
            recorder.close(taskEnd);
        }
    }
}
