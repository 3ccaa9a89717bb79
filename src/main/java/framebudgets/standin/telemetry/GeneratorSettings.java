package framebudgets.standin.telemetry;

import java.time.Instant;
import java.util.Objects;

/**
 * What the synthetic telemetry generator makes. Same settings, same data (bit for bit).
 *
 * @param seed          seed of every random choice
 * @param processes     game processes (each gets GameThread, RenderThread 0, RHIThread and workers)
 * @param minutes       length of each process's recording
 * @param fps           target frame rate (vsync period = 1/fps)
 * @param spansPerFrame approximate spans per frame across all threads of a process (full scale
 *                      ≈ 500–1,700; values up to ~100 give the bare frame skeleton of about 100 spans)
 * @param start         start time of the first process (UTC); later processes start a bit later
 * @param sampled       true: keep only block runs around spike frames and heartbeats, like the
 *                      Unreal sink's sampling controller; false: keep every block
 * @param workers       worker threads per process (the first two are foreground workers)
 * @param edgeCases     also add a process whose GameThread has no frames and an empty process
 */
public record GeneratorSettings(
        long seed,
        int processes,
        double minutes,
        int fps,
        int spansPerFrame,
        Instant start,
        boolean sampled,
        int workers,
        boolean edgeCases) {

    public GeneratorSettings {
        Objects.requireNonNull(start, "start");
        require(processes >= 0 && processes <= 10_000, "processes", processes, "0..10000");
        require(minutes > 0 && minutes <= 24 * 60, "minutes", minutes, "> 0 and <= 1440");
        require(fps >= 1 && fps <= 1000, "fps", fps, "1..1000");
        require(spansPerFrame >= 1 && spansPerFrame <= 100_000, "spansPerFrame", spansPerFrame, "1..100000");
        require(workers >= 0 && workers <= 64, "workers", workers, "0..64");
    }

    /** Four 5-minute processes at 60 fps, ~1,000 spans per frame, every block kept. */
    public static GeneratorSettings defaults() {
        return new GeneratorSettings(42, 4, 5, 60, 1000, Instant.parse("2025-07-24T12:00:00Z"), false, 4, false);
    }

    public GeneratorSettings withSeed(long value) {
        return new GeneratorSettings(value, processes, minutes, fps, spansPerFrame, start, sampled, workers, edgeCases);
    }

    public GeneratorSettings withProcesses(int value) {
        return new GeneratorSettings(seed, value, minutes, fps, spansPerFrame, start, sampled, workers, edgeCases);
    }

    public GeneratorSettings withMinutes(double value) {
        return new GeneratorSettings(seed, processes, value, fps, spansPerFrame, start, sampled, workers, edgeCases);
    }

    public GeneratorSettings withFps(int value) {
        return new GeneratorSettings(seed, processes, minutes, value, spansPerFrame, start, sampled, workers, edgeCases);
    }

    public GeneratorSettings withSpansPerFrame(int value) {
        return new GeneratorSettings(seed, processes, minutes, fps, value, start, sampled, workers, edgeCases);
    }

    public GeneratorSettings withStart(Instant value) {
        return new GeneratorSettings(seed, processes, minutes, fps, spansPerFrame, value, sampled, workers, edgeCases);
    }

    public GeneratorSettings withSampled(boolean value) {
        return new GeneratorSettings(seed, processes, minutes, fps, spansPerFrame, start, value, workers, edgeCases);
    }

    public GeneratorSettings withWorkers(int value) {
        return new GeneratorSettings(seed, processes, minutes, fps, spansPerFrame, start, sampled, value, edgeCases);
    }

    public GeneratorSettings withEdgeCases(boolean value) {
        return new GeneratorSettings(seed, processes, minutes, fps, spansPerFrame, start, sampled, workers, value);
    }

    /** Nanoseconds of one frame at the target rate. */
    long framePeriodNs() {
        return 1_000_000_000L / fps;
    }

    /** Richness of the scalable part of a frame (the skeleton is ~100 spans; scale 1 adds ~520 more). */
    double scale() {
        return Math.max(0, spansPerFrame - 100) / 520.0;
    }

    private static void require(boolean ok, String name, Object value, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException("generator setting " + name + " = " + value + " is out of range (" + allowed + ")");
        }
    }
}
