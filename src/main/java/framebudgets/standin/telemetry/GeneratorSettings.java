package framebudgets.standin.telemetry;

import java.time.Instant;
import java.util.List;
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
 * @param builds        the {@code build-version} property values (what Unreal's micromegas sink
 *                      sends); game process i runs build {@code builds[i % builds.size()]}
 * @param physicsRegressionMs how much longer {@code TG_EndPhysics} runs on the GameThread in every
 *                      frame of the processes of the last build listed (0 = no regression); the time
 *                      comes out of the frame limiter's sleep, so frames keep their length while they
 *                      have slack
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
        boolean edgeCases,
        List<String> builds,
        double physicsRegressionMs) {

    /** Two consecutive builds of the game's main branch, as {@code FApp::GetBuildVersion()} names them. */
    public static final List<String> DEFAULT_BUILDS = List.of("++MyGame+Main-CL-52210", "++MyGame+Main-CL-52345");

    public GeneratorSettings {
        Objects.requireNonNull(start, "start");
        require(processes >= 0 && processes <= 10_000, "processes", processes, "0..10000");
        require(minutes > 0 && minutes <= 24 * 60, "minutes", minutes, "> 0 and <= 1440");
        require(fps >= 1 && fps <= 1000, "fps", fps, "1..1000");
        require(spansPerFrame >= 1 && spansPerFrame <= 100_000, "spansPerFrame", spansPerFrame, "1..100000");
        require(workers >= 0 && workers <= 64, "workers", workers, "0..64");
        builds = List.copyOf(Objects.requireNonNull(builds, "builds"));
        require(!builds.isEmpty() && builds.stream().noneMatch(String::isBlank), "builds", builds, "at least one, none blank");
        require(physicsRegressionMs >= 0 && physicsRegressionMs <= 1_000, "physicsRegressionMs", physicsRegressionMs, "0..1000");
    }

    /** Four 5-minute processes at 60 fps, ~1,000 spans per frame, every block kept. */
    public static GeneratorSettings defaults() {
        return new GeneratorSettings(42, 4, 5, 60, 1000, Instant.parse("2025-07-24T12:00:00Z"), false, 4, false,
                DEFAULT_BUILDS, 0);
    }

    public GeneratorSettings withSeed(long value) {
        return new GeneratorSettings(value, processes, minutes, fps, spansPerFrame, start, sampled, workers,
                edgeCases, builds, physicsRegressionMs);
    }

    public GeneratorSettings withProcesses(int value) {
        return new GeneratorSettings(seed, value, minutes, fps, spansPerFrame, start, sampled, workers, edgeCases,
                builds, physicsRegressionMs);
    }

    public GeneratorSettings withMinutes(double value) {
        return new GeneratorSettings(seed, processes, value, fps, spansPerFrame, start, sampled, workers, edgeCases,
                builds, physicsRegressionMs);
    }

    public GeneratorSettings withFps(int value) {
        return new GeneratorSettings(seed, processes, minutes, value, spansPerFrame, start, sampled, workers,
                edgeCases, builds, physicsRegressionMs);
    }

    public GeneratorSettings withSpansPerFrame(int value) {
        return new GeneratorSettings(seed, processes, minutes, fps, value, start, sampled, workers, edgeCases,
                builds, physicsRegressionMs);
    }

    public GeneratorSettings withStart(Instant value) {
        return new GeneratorSettings(seed, processes, minutes, fps, spansPerFrame, value, sampled, workers,
                edgeCases, builds, physicsRegressionMs);
    }

    public GeneratorSettings withSampled(boolean value) {
        return new GeneratorSettings(seed, processes, minutes, fps, spansPerFrame, start, value, workers, edgeCases,
                builds, physicsRegressionMs);
    }

    public GeneratorSettings withWorkers(int value) {
        return new GeneratorSettings(seed, processes, minutes, fps, spansPerFrame, start, sampled, value, edgeCases,
                builds, physicsRegressionMs);
    }

    public GeneratorSettings withEdgeCases(boolean value) {
        return new GeneratorSettings(seed, processes, minutes, fps, spansPerFrame, start, sampled, workers, value,
                builds, physicsRegressionMs);
    }

    public GeneratorSettings withBuilds(List<String> value) {
        return new GeneratorSettings(seed, processes, minutes, fps, spansPerFrame, start, sampled, workers,
                edgeCases, value,
                physicsRegressionMs);
    }

    public GeneratorSettings withPhysicsRegressionMs(double value) {
        return new GeneratorSettings(seed, processes, minutes, fps, spansPerFrame, start, sampled, workers,
                edgeCases, builds,
                value);
    }

    /** The build of game process {@code index}. */
    String buildOf(int index) {
        return builds.get(index % builds.size());
    }

    /** The extra {@code TG_EndPhysics} time per frame of game process {@code index}, in ns. */
    long physicsRegressionNs(int index) {
        return index % builds.size() == builds.size() - 1 ? Math.round(physicsRegressionMs * 1e6) : 0;
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
