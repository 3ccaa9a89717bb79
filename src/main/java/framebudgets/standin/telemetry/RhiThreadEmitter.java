package framebudgets.standin.telemetry;

import java.sql.SQLException;
import java.util.SplittableRandom;

/** RHIThread: per frame one {@code RHI Thread Execute} with pass-like children, then {@code Present}. */
final class RhiThreadEmitter extends ThreadEmitter {

    private long previousEnd = Long.MIN_VALUE;

    RhiThreadEmitter(ThreadRecorder recorder, SplittableRandom random, FrameTimeline timeline, double scale) {
        super(recorder, random, timeline, scale);
    }

    @Override
    double spansPerFrame() {
        return 8;
    }

    @Override
    long activityBegin(int frame) {
        return timeline.begin[frame] + Math.round(timeline.periodNs * 1.05);
    }

    @Override
    long activityEnd(int frame) {
        return activityBegin(frame) + timeline.periodNs;
    }

    @Override
    void emit(int f) throws SQLException {
        long begin = Math.max(activityBegin(f), previousEnd + gap());
        long executeEnd = begin + Math.round(timeline.periodNs * random.nextDouble(0.12, 0.45));
        recorder.open("RHI Thread Execute", begin);
        leaves(begin + gap(), executeEnd - gap(), UnrealSpanCatalogue.RHI_PASSES);
        recorder.close(executeEnd);
        long presentBegin = executeEnd + gap();
        previousEnd = presentBegin + micros(100, 500);
        recorder.leaf("Present", presentBegin, previousEnd);
    }
}
