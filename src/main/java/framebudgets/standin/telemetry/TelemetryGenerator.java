package framebudgets.standin.telemetry;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.duckdb.DuckDBConnection;

/**
 * Deterministic synthetic micromegas telemetry of Unreal game processes: process, thread streams,
 * block runs and nested CPU spans (see {@link GeneratorSettings}). Each thread is generated in one
 * pass in time order, so spans land in DuckDB sorted by (stream, begin).
 */
public final class TelemetryGenerator {

    private static final long SECOND = 1_000_000_000L;
    private static final long BLOCK_BYTES = 10L * 1024 * 1024;
    private static final double BYTES_PER_EVENT = 25;
    private static final long QPC_FREQUENCY = 10_000_000L;
    private static final String[] USERS = {"qa-ana", "qa-bruno", "build-agent-07", "dev-chen", "qa-dmitri"};
    private static final String[] CPUS = {"AMD Ryzen 9 7950X 16-Core Processor", "Intel(R) Core(TM) i7-12700K",
        "AMD Ryzen 7 5800X3D 8-Core Processor", "Intel(R) Core(TM) i9-13900K"};
    private static final String[] MAPS = {"L_Arena", "L_Forest", "L_Harbor"};

    /** What was generated. */
    public record Summary(List<GeneratedProcess> processes, long streams, long blocks, long spans) {}

    /** One generated process and its GameThread stream (null when it has none). */
    public record GeneratedProcess(UUID processId, UUID gameThreadStreamId, String kind) {}

    private final GeneratorSettings settings;
    private final TelemetryWriter writer;
    private final Map<String, Integer> scopes;
    private long streams;
    private long blocks;
    private long spans;

    private TelemetryGenerator(GeneratorSettings settings, TelemetryWriter writer) throws SQLException {
        this.settings = settings;
        this.writer = writer;
        this.scopes = UnrealSpanCatalogue.register(writer);
    }

    /**
     * Generates into the database of {@code connection} (a DuckDB connection; schema installed if
     * needed). Processes are generated in parallel on duplicates of the connection, one per core.
     */
    public static Summary generate(GeneratorSettings settings, Connection connection) throws SQLException {
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        try (TelemetryWriter writer = TelemetryWriter.open(connection)) {
            UnrealSpanCatalogue.register(writer);
        }
        int threads = Math.max(1, Math.min(settings.processes(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "telemetry-generator");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Summary>> parts = new ArrayList<>();
            for (int p = 0; p < settings.processes(); p++) {
                int index = p;
                parts.add(pool.submit(() -> {
                    try (Connection own = duck.duplicate(); TelemetryWriter writer = TelemetryWriter.open(own)) {
                        return new TelemetryGenerator(settings, writer).run(index, index + 1, false);
                    }
                }));
            }
            List<Summary> summaries = new ArrayList<>();
            for (Future<Summary> part : parts) {
                summaries.add(part.get());
            }
            if (settings.edgeCases()) {
                try (TelemetryWriter writer = TelemetryWriter.open(connection)) {
                    summaries.add(new TelemetryGenerator(settings, writer).run(0, 0, true));
                }
            }
            return merge(summaries);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("telemetry generation interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException("telemetry generation failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Generates through an open writer, on the caller's thread (flushed before returning). */
    public static Summary generate(GeneratorSettings settings, TelemetryWriter writer) throws SQLException {
        return new TelemetryGenerator(settings, writer).run(0, settings.processes(), settings.edgeCases());
    }

    private static Summary merge(List<Summary> parts) {
        List<GeneratedProcess> processes = new ArrayList<>();
        long streams = 0;
        long blocks = 0;
        long spans = 0;
        for (Summary part : parts) {
            processes.addAll(part.processes());
            streams += part.streams();
            blocks += part.blocks();
            spans += part.spans();
        }
        return new Summary(List.copyOf(processes), streams, blocks, spans);
    }

    private Summary run(int fromProcess, int toProcess, boolean edgeCases) throws SQLException {
        List<GeneratedProcess> generated = new ArrayList<>();
        long start = settings.start().getEpochSecond() * SECOND + settings.start().getNano();
        for (int p = fromProcess; p < toProcess; p++) {
            SplittableRandom random = new SplittableRandom(mix(settings.seed(), p));
            long processStart = start + p * 37 * SECOND + random.nextLong(SECOND);
            generated.add(gameProcess(random, p, processStart));
        }
        if (edgeCases) {
            SplittableRandom random = new SplittableRandom(mix(settings.seed(), -1));
            generated.add(loadingOnlyProcess(random, start + 11 * SECOND));
            ProcessInfo empty = process(random, start + 13 * SECOND, "MyGame-Win64-Shipping.exe", "L_Startup", settings.buildOf(0));
            writer.addProcess(empty);
            generated.add(new GeneratedProcess(empty.processId(), null, "empty"));
        }
        writer.flush();
        return new Summary(List.copyOf(generated), streams, blocks, spans);
    }

    private GeneratedProcess gameProcess(SplittableRandom random, int index, long processStart) throws SQLException {
        ProcessInfo process = process(random, processStart, "MyGame-Win64-Shipping.exe", MAPS[index % MAPS.length],
                settings.buildOf(index));
        writer.addProcess(process);
        FrameTimeline timeline = FrameTimeline.plan(random, settings, processStart + SECOND + random.nextLong(SECOND / 2));
        List<long[]> sampled = settings.sampled() ? timeline.sampledRanges() : null;
        long end = timeline.lastEnd() + SECOND / 10;
        double scale = settings.scale();

        UUID gameThread = uuid(random);
        thread(random, process, gameThread, "GameThread", processStart + SECOND / 2, end, sampled,
                recorder -> new GameThreadEmitter(recorder, random.split(), timeline, scale, settings.physicsRegressionNs(index)));
        thread(random, process, uuid(random), "RenderThread 0", processStart + SECOND * 6 / 10, end, sampled,
                recorder -> new RenderThreadEmitter(recorder, random.split(), timeline, scale));
        thread(random, process, uuid(random), "RHIThread", processStart + SECOND * 7 / 10, end, sampled,
                recorder -> new RhiThreadEmitter(recorder, random.split(), timeline, scale));
        for (int w = 0; w < settings.workers(); w++) {
            boolean foreground = w < 2;
            String name = foreground ? "Foreground Worker #" + w : "Background Worker #" + (w - 2);
            thread(random, process, uuid(random), name, processStart + SECOND * 8 / 10 + w * 1_000_000L, end, sampled,
                    recorder -> new WorkerEmitter(recorder, random.split(), timeline, scale, foreground));
        }
        return new GeneratedProcess(process.processId(), gameThread, "game");
    }

    private interface EmitterFactory {
        ThreadEmitter create(ThreadRecorder recorder);
    }

    private void thread(SplittableRandom random, ProcessInfo process, UUID streamId, String name, long origin,
            long end, List<long[]> sampled, EmitterFactory factory) throws SQLException {
        writer.addStream(StreamInfo.cpuThread(streamId, process.processId(), name, 1_000 + random.nextInt(60_000),
                origin + SECOND / 5));
        streams++;
        ThreadRecorder probe = new ThreadRecorder(writer, scopes, process, streamId, origin, end, SECOND, null);
        double eventsPerSecond = 2 * factory.create(probe).spansPerFrame() * settings.fps();
        long blockLength = Math.max(SECOND, Math.min(60 * SECOND,
                Math.round(BLOCK_BYTES / (eventsPerSecond * BYTES_PER_EVENT) * SECOND)));
        ThreadRecorder recorder = new ThreadRecorder(writer, scopes, process, streamId, origin, end, blockLength, sampled);
        factory.create(recorder).run();
        spans += recorder.spans();
        blocks += recorder.writeBlocks();
    }

    /** A process that crashed while loading: its GameThread has spans but no FEngineLoop::Tick. */
    private GeneratedProcess loadingOnlyProcess(SplittableRandom random, long processStart) throws SQLException {
        ProcessInfo process = process(random, processStart, "MyGame-Win64-Shipping.exe", "L_Startup", settings.buildOf(0));
        writer.addProcess(process);
        UUID stream = uuid(random);
        writer.addStream(StreamInfo.cpuThread(stream, process.processId(), "GameThread", 7_040, processStart + SECOND / 5));
        streams++;
        long origin = processStart + SECOND / 2;
        long end = origin + 8 * SECOND;
        blocks += writer.addBlockRun(process, stream, 0, 40, origin, origin + 4 * SECOND, end).size();
        long id = 0;
        for (long t = origin + SECOND / 10; t + SECOND / 2 < end; t += SECOND / 2) {
            long loadEnd = t + SECOND * 4 / 10;
            writer.addSpan(stream, id, -1, 1, t, loadEnd, scopes.get("LoadMap"));
            writer.addSpan(stream, id + 1, id, 2, t + 1_000, loadEnd - 1_000, scopes.get("ProcessAsyncLoading"));
            id += 4;
            spans += 2;
        }
        return new GeneratedProcess(process.processId(), stream, "no-frames");
    }

    private ProcessInfo process(SplittableRandom random, long startNs, String exe, String map, String build) {
        String user = USERS[random.nextInt(USERS.length)];
        return new ProcessInfo(uuid(random), exe, user, user, String.format("QA-PC-%03d", random.nextInt(1000)),
                random.nextBoolean() ? "Windows 11 Pro 23H2" : "Windows 10 Pro 22H2", CPUS[random.nextInt(CPUS.length)],
                QPC_FREQUENCY, startNs, 1_000_000_000L + random.nextLong(1L << 40), startNs + SECOND, "",
                List.of(Property.of("build-version", build),
                        Property.of("map", map), Property.of("platform", "Win64"),
                        Property.of("build-config", "Shipping")));
    }

    private static UUID uuid(SplittableRandom random) {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }

    private static long mix(long seed, long index) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index).nextLong();
    }
}
