package framebudgets.standin.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The planned GameThread frames of one synthetic process: when each frame starts, how long it lasts
 * and which hitch (if any) makes it long, following the Unreal catalogue: vsync-locked frames with
 * ~1% jitter, 1–3% micro-spikes at 1.3–2x, a full GC every ~61.1 s (10–60 ms, tail to 150 ms) then a
 * few incremental-purge frames, PSO compiles in bursts after the map load (20–300 ms) and rare
 * synchronous loads (50–500 ms). Also the ranges the sampling controller would capture.
 */
final class FrameTimeline {

    static final byte NORMAL = 0;
    static final byte SPIKE = 1;
    static final byte GC = 2;
    static final byte GC_PURGE = 3;
    static final byte PSO = 4;
    static final byte LOAD = 5;

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long FRAME_GAP_NS = 2_000;
    private static final double GC_PERIOD_S = 61.1;
    private static final long HEARTBEAT_NS = 120 * SECOND;

    final long[] begin;
    final long[] duration;
    final byte[] kind;
    final long periodNs;

    private FrameTimeline(int frames, long periodNs) {
        this.begin = new long[frames];
        this.duration = new long[frames];
        this.kind = new byte[frames];
        this.periodNs = periodNs;
    }

    int frames() {
        return begin.length;
    }

    long end(int frame) {
        return begin[frame] + duration[frame];
    }

    long lastEnd() {
        return frames() == 0 ? 0 : end(frames() - 1);
    }

    static FrameTimeline plan(SplittableRandom random, GeneratorSettings settings, long firstFrameNs) {
        long period = settings.framePeriodNs();
        double seconds = settings.minutes() * 60;
        FrameTimeline timeline = new FrameTimeline((int) Math.round(seconds * settings.fps()), period);
        double nextGc = random.nextDouble(5, GC_PERIOD_S);
        double psoBurstEnd = random.nextDouble(30, 120);
        int purgeFramesLeft = 0;
        long t = firstFrameNs;
        for (int f = 0; f < timeline.frames(); f++) {
            double elapsed = (t - firstFrameNs) / 1e9;
            double frameSeconds = period / 1e9;
            double psoPerMinute = elapsed < psoBurstEnd ? 5 : 0.3;
            long length = Math.max(period - period / 20, Math.round(period * (1 + 0.01 * random.nextGaussian())));
            byte k = NORMAL;
            if (elapsed >= nextGc) {
                k = GC;
                double u = random.nextDouble();
                length += u < 0.9 ? random.nextLong(10 * MS, 60 * MS) : random.nextLong(60 * MS, 150 * MS);
                nextGc += GC_PERIOD_S + random.nextDouble(-0.3, 0.3);
                purgeFramesLeft = 3;
            } else if (random.nextDouble() < frameSeconds / 60.0) {
                k = LOAD;
                length += 50 * MS + Math.round(450 * MS * Math.pow(random.nextDouble(), 3));
            } else if (random.nextDouble() < psoPerMinute * frameSeconds / 60.0) {
                k = PSO;
                length += 20 * MS + Math.round(280 * MS * Math.pow(random.nextDouble(), 3));
            } else if (purgeFramesLeft > 0) {
                k = GC_PURGE;
                purgeFramesLeft--;
                length += random.nextLong(MS, 5 * MS);
            } else if (random.nextDouble() < 0.02) {
                k = SPIKE;
                length = Math.round(period * random.nextDouble(1.3, 2.0));
            }
            timeline.begin[f] = t;
            timeline.duration[f] = length;
            timeline.kind[f] = k;
            t += length + FRAME_GAP_NS;
        }
        return timeline;
    }

    /**
     * Time ranges the Unreal sampling controller would capture: frames whose delta reaches the
     * 32-frame running average times a spike factor (1.3, growing x1.01 per spike), plus one frame
     * every 120 s (heartbeat). Sorted and disjoint.
     */
    List<long[]> sampledRanges() {
        List<long[]> ranges = new ArrayList<>();
        double factor = 1.3;
        double window = 0;
        long lastCapture = Long.MIN_VALUE / 2;
        for (int f = 0; f < frames(); f++) {
            double average = f == 0 ? duration[0] : window / Math.min(f, 32);
            boolean spike = f >= 8 && duration[f] >= average * factor;
            boolean heartbeat = begin[f] - lastCapture >= HEARTBEAT_NS;
            if (spike) {
                factor *= 1.01;
            }
            if (spike || heartbeat) {
                ranges.add(new long[] {begin[f], end(f)});
                lastCapture = begin[f];
            }
            window += duration[f];
            if (f >= 32) {
                window -= duration[f - 32];
            }
        }
        return ranges;
    }
}
