package framebudgets.standin.telemetry;

import java.sql.SQLException;
import java.util.SplittableRandom;

/**
 * Generates the spans of one thread frame by frame over a {@link FrameTimeline}, with helpers to
 * lay nested spans out in time: children run one after another inside their parent, separated by
 * sub-microsecond gaps, with durations in proportion to weights.
 */
abstract class ThreadEmitter {

    final ThreadRecorder recorder;
    final SplittableRandom random;
    final FrameTimeline timeline;
    final double scale;

    ThreadEmitter(ThreadRecorder recorder, SplittableRandom random, FrameTimeline timeline, double scale) {
        this.recorder = recorder;
        this.random = random;
        this.timeline = timeline;
        this.scale = scale;
    }

    /** Spans this thread produces in an ordinary frame (sizes blocks and stands in for skipped frames). */
    abstract double spansPerFrame();

    /** Start of this thread's activity for frame {@code frame}. */
    abstract long activityBegin(int frame);

    /** End of this thread's activity for frame {@code frame}. */
    abstract long activityEnd(int frame);

    abstract void emit(int frame) throws SQLException;

    /** Emits every frame whose activity falls into kept blocks; accounts for the others. */
    final void run() throws SQLException {
        for (int f = 0; f < timeline.frames(); f++) {
            long begin = activityBegin(f);
            long end = activityEnd(f);
            if (recorder.keeps(begin, end)) {
                emit(f);
            } else {
                recorder.skip(begin, Math.round(2 * spansPerFrame()));
            }
        }
    }

    /** A count scaled by the frame richness, at least {@code minimum}. */
    int scaled(double fullScale, int minimum) {
        return Math.max(minimum, (int) Math.round(fullScale * scale * random.nextDouble(0.8, 1.2)));
    }

    long micros(double from, double to) {
        return Math.round(random.nextDouble(from, to) * 1_000);
    }

    long gap() {
        return 200 + random.nextInt(1_300);
    }

    /**
     * Splits [begin, end] into consecutive child intervals proportional to {@code weights} (jittered
     * by ±25%), with {@code extra} ns added to child {@code extraChild} (-1 for none). Returns
     * {begin0, end0, begin1, end1, ...}.
     */
    long[] split(long begin, long end, double[] weights, int extraChild, long extra) {
        long[] extras = new long[weights.length];
        if (extraChild >= 0) {
            extras[extraChild] = extra;
        }
        return split(begin, end, weights, extras);
    }

    /** Like {@link #split(long, long, double[], int, long)}, with {@code extras[i]} ns added to child i. */
    long[] split(long begin, long end, double[] weights, long[] extras) {
        int n = weights.length;
        long gaps = (n + 1) * 1_500L;
        long extraTotal = 0;
        for (long extra : extras) {
            extraTotal += Math.max(0, extra);
        }
        long share = Math.max(0, end - begin - gaps - extraTotal);
        double[] jittered = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            jittered[i] = weights[i] * random.nextDouble(0.75, 1.25);
            total += jittered[i];
        }
        long[] bounds = new long[2 * n];
        long cursor = begin + gap();
        for (int i = 0; i < n; i++) {
            long length = Math.round(share * jittered[i] / total) + Math.max(0, extras[i]);
            bounds[2 * i] = cursor;
            bounds[2 * i + 1] = Math.max(cursor, Math.min(end, cursor + length));
            cursor = bounds[2 * i + 1] + gap();
        }
        return bounds;
    }

    /** Leaves named {@code names[i]} one after another filling [begin, end] by random weights. */
    void leaves(long begin, long end, String[] names) throws SQLException {
        double[] weights = new double[names.length];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = random.nextExponential() + 0.05;
        }
        long[] s = split(begin, end, weights, -1, 0);
        for (int i = 0; i < names.length; i++) {
            recorder.leaf(names[i], s[2 * i], s[2 * i + 1]);
        }
    }

    static double[] weights(double... values) {
        return values;
    }
}
