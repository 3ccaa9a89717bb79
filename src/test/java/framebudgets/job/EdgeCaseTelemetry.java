package framebudgets.job;

import framebudgets.micromegas.TelemetryReader;
import framebudgets.standin.telemetry.ProcessInfo;
import framebudgets.standin.telemetry.Property;
import framebudgets.standin.telemetry.StreamInfo;
import framebudgets.standin.telemetry.TelemetryWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Hand-made micromegas telemetry for a whole report run, written with {@link TelemetryWriter}: the
 * report window is [{@link #FROM}, {@link #TO}) and the data is packed with what can go wrong around it.
 * <ul>
 *   <li>p1 Game.exe: touching frames from before the window to after it (so frames cross both
 *       bounds), nested spans at depths 2-4, a RenderThread, a thread without a thread-name, a
 *       non-CPU stream with spans, a worker whose blocks end before the window;</li>
 *   <li>p2 Game.exe: frames at FROM - 1 ns, at FROM, at TO - 1 ns and at TO, a frame nested in a
 *       frame, a frame running past TO + FRAME_OVERRUN with spans on both sides of that limit, and a
 *       second thread named GameThread (with frames of its own) whose stream id sorts after the first,
 *       and a worker whose blocks all begin after TO, inside that long frame;</li>
 *   <li>p3 Server.exe: frames interleaved with a case variant of the frame name, a frame-named
 *       span on a worker thread;</li>
 *   <li>p4 Tool.exe without a GameThread, p5 Game.exe with a GameThread without frames, p6 an
 *       empty process, p7 with telemetry only on the previous day, p8 Editor.exe whose main thread
 *       is named "gamethread".</li>
 * </ul>
 * Around frames: spans exactly on the bounds, 1 ns outside either bound, of zero length, identical
 * duplicates, crossing the frame's end, nested spans of the same budget, case variants of budget
 * names, unmapped names and a name with a quote.
 */
final class EdgeCaseTelemetry {
    static final long MS = 1_000_000L;
    static final long SECOND = 1_000_000_000L;
    static final long T0 = epochNanos(Instant.parse("2025-07-24T12:00:00Z"));
    static final Instant FROM = Instant.parse("2025-07-24T12:00:01Z");
    static final Instant TO = Instant.parse("2025-07-24T12:00:03Z");
    static final String FRAME = "FEngineLoop::Tick";
    static final String MAIN_THREAD = "GameThread";

    /** Budgets for the names below: exact names (matched case-insensitively), globs, a quote. */
    static final Map<String, List<String>> BUDGETS = budgets();

    private static final List<String> NAMES = List.of(
            "Tick Time", "TICK TIME", "tick time", "Player's Tick", "FRenderer::Render", "frenderer::render",
            "FRDG::Pass", "frdg::execute", "BT Tick", "AIPerceptionSystem", "Unmapped::Work", "Other Thing",
            "Slate::Tick", "FEngineLoop::TICK");

    private final TelemetryWriter writer;
    private final Random random;
    private final Map<UUID, Long> nextSpanId = new HashMap<>();
    private final Map<UUID, long[]> extent = new LinkedHashMap<>();
    private final Map<UUID, ProcessInfo> processOfStream = new HashMap<>();

    private EdgeCaseTelemetry(TelemetryWriter writer, long seed) {
        this.writer = writer;
        this.random = new Random(seed);
    }

    /** Writes the telemetry through {@code connection} (a connection of the stand-in's DuckDB database). */
    static void write(Connection connection, long seed) throws SQLException {
        try (TelemetryWriter writer = TelemetryWriter.open(connection)) {
            new EdgeCaseTelemetry(writer, seed).writeAll();
        }
    }

    static long epochNanos(Instant t) {
        return t.getEpochSecond() * SECOND + t.getNano();
    }

    private void writeAll() throws SQLException {
        long from = epochNanos(FROM);
        long to = epochNanos(TO);
        long overrun = TelemetryReader.FRAME_OVERRUN.toNanos();

        ProcessInfo p1 = process(1, "Game.exe");
        UUID p1Main = cpuThread(p1, 0xa1, MAIN_THREAD);
        UUID p1Render = cpuThread(p1, 0xa2, "RenderThread");
        UUID p1Nameless = stream(p1, 0xa3, List.of("cpu"), List.of(Property.of("thread-id", "77")));
        UUID p1Log = stream(p1, 0xa4, List.of("log"), List.of(Property.of("thread-name", "LogThread")));
        UUID p1Early = cpuThread(p1, 0xa5, "EarlyWorker");
        touchingFrames(p1Main, p1Render, from - 100 * MS, to + 50 * MS);
        noise(p1Render, from - 200 * MS, to + 200 * MS, 300);
        noise(p1Nameless, from - 200 * MS, to + 200 * MS, 100);
        noise(p1Log, from, to, 50);
        noise(p1Early, T0, T0 + 400 * MS, 50);

        ProcessInfo p2 = process(2, "Game.exe");
        UUID p2Main = cpuThread(p2, 0xa1, MAIN_THREAD);
        UUID p2Twin = cpuThread(p2, 0xa2, MAIN_THREAD);
        UUID p2Worker = cpuThread(p2, 0xa3, "Worker 0");
        frame(p2Main, p2Worker, from - 1, from + 10 * MS);
        touchingFrames(p2Main, p2Worker, from, from + 200 * MS);
        frame(p2Main, p2Worker, to - 1, to + 20 * MS);
        frame(p2Main, p2Worker, to, to + 20 * MS);
        long nestedOuter = frame(p2Main, p2Worker, from + 500 * MS, from + 540 * MS);
        span(p2Main, nestedOuter, 2, from + 510 * MS, from + 520 * MS, FRAME);
        span(p2Main, nestedOuter, 2, from + 511 * MS, from + 519 * MS, "Tick Time");
        long longFrame = frame(p2Main, p2Worker, to - 3 * MS, to + overrun + SECOND);
        long until = to + overrun;
        span(p2Main, longFrame, 2, until - SECOND, until - SECOND + 5 * MS, "Tick Time");
        span(p2Main, longFrame, 2, until, until + MS, "Tick Time");
        span(p2Main, longFrame, 2, until + 1, until + MS, "Tick Time");
        span(p2Main, longFrame, 2, until + 500 * MS, until + 501 * MS, "BT Tick");
        span(p2Worker, -1, 1, until - 1, until, "FRDG::Pass");
        span(p2Worker, -1, 1, until + 1, until + 2, "FRDG::Pass");
        UUID p2Late = cpuThread(p2, 0xa4, "LateWorker");
        span(p2Late, -1, 1, to + 600 * MS, to + 700 * MS, "Tick Time");
        span(p2Late, -1, 1, to + 800 * MS, to + 800 * MS, "BT Tick");
        touchingFrames(p2Twin, p2Worker, from + 50 * MS, from + 300 * MS);
        noise(p2Worker, from - 50 * MS, to + 50 * MS, 200);

        ProcessInfo p3 = process(3, "Server.exe");
        UUID p3Main = cpuThread(p3, 0xa1, MAIN_THREAD);
        UUID p3Worker = cpuThread(p3, 0xa2, "Worker 0");
        long b = from + 100 * MS;
        for (int i = 0; i < 20; i++) {
            long length = 16_666_667L + random.nextInt(2_000_000);
            String name = i % 3 == 0 ? "FEngineLoop::TICK" : FRAME;
            long id = span(p3Main, -1, 1, b, b + length, name);
            children(p3Main, id, 2, b, b + length);
            b += length;
        }
        span(p3Worker, -1, 1, from + 100 * MS, from + 150 * MS, FRAME);
        noise(p3Worker, from, to, 100);

        ProcessInfo p4 = process(4, "Tool.exe");
        noise(cpuThread(p4, 0xa1, "Worker 0"), from, to, 50);

        ProcessInfo p5 = process(5, "Game.exe");
        noise(cpuThread(p5, 0xa1, MAIN_THREAD), from, to, 80);
        noise(cpuThread(p5, 0xa2, "Worker 0"), from, to, 80);

        process(6, "Game.exe");

        ProcessInfo p7 = process(7, "Game.exe");
        UUID p7Main = cpuThread(p7, 0xa1, MAIN_THREAD);
        touchingFrames(p7Main, p7Main, from - 86_400 * SECOND, from - 86_400 * SECOND + 100 * MS);

        ProcessInfo p8 = process(8, "Editor.exe");
        UUID p8Main = cpuThread(p8, 0xa1, "gamethread");
        touchingFrames(p8Main, p8Main, from, from + 100 * MS);

        writeBlocks();
    }

    /** Frames one after the other (each begins where the previous ends) from {@code begin} until {@code end}. */
    private void touchingFrames(UUID main, UUID worker, long begin, long end) throws SQLException {
        long b = begin;
        int i = 0;
        while (b < end) {
            long length = switch (i % 6) {
                case 0, 3 -> 16_666_667L;
                case 5 -> 40 * MS + random.nextInt(1000);
                default -> 14 * MS + random.nextInt((int) (5 * MS));
            };
            frame(main, i % 4 == 0 ? worker : null, b, b + length);
            b += length;
            i++;
        }
    }

    /** A frame span with random nested children and, on {@code edgesWorker} != null, the boundary cases; returns its id. */
    private long frame(UUID main, UUID edgesWorker, long b, long e) throws SQLException {
        long id = span(main, -1, 1, b, e, FRAME);
        children(main, id, 2, b, e);
        if (edgesWorker != null) {
            boundaryCases(main, id, b, e);
            span(edgesWorker, -1, 1, b, e, "BT Tick");
            span(edgesWorker, -1, 1, b - 1, e, "AIPerceptionSystem");
            span(edgesWorker, -1, 1, b, e + 1, "frdg::execute");
            span(edgesWorker, -1, 1, e, e, "Slate::Tick");
        }
        return id;
    }

    private void boundaryCases(UUID stream, long parent, long b, long e) throws SQLException {
        span(stream, parent, 2, b, e, "Slate::Tick");
        span(stream, parent, 2, b - 1, e, "Slate::Tick");
        span(stream, parent, 2, b, e + 1, "slate::tick");
        span(stream, parent, 2, b, b, "BT Tick");
        span(stream, parent, 2, e, e, "BT Tick");
        span(stream, parent, 2, b - 1, b - 1, "BT Tick");
        span(stream, parent, 2, e + 1, e + 1, "bt tick");
        span(stream, parent, 2, b + 10, b + 20, "FRDG::Pass");
        span(stream, parent, 2, b + 10, b + 20, "FRDG::Pass");
        span(stream, parent, 2, e - 5, e + 5, "Tick Time");
        span(stream, parent, 2, b, e, "Unmapped::Work");
        long outer = span(stream, parent, 2, b + 1, e - 1, "Player's Tick");
        span(stream, outer, 3, b + 2, e - 2, "TICK TIME");
    }

    /** Random nested spans inside [b, e] down to depth 4; some on the bounds, some duplicated. */
    private void children(UUID stream, long parent, int depth, long b, long e) throws SQLException {
        if (depth > 4) {
            return;
        }
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            long cb = pick(b, e);
            long ce = pick(cb, e);
            String name = NAMES.get(random.nextInt(NAMES.size()));
            long id = span(stream, parent, depth, cb, ce, name);
            if (random.nextInt(8) == 0) {
                span(stream, parent, depth, cb, ce, name);
            }
            children(stream, id, depth + 1, cb, ce);
        }
    }

    private long pick(long low, long high) {
        return switch (random.nextInt(8)) {
            case 0 -> low;
            case 1 -> high;
            default -> low + (long) (random.nextDouble() * (high - low));
        };
    }

    /** Depth-1 spans at random times of [from, to), a fifth of zero length. */
    private void noise(UUID stream, long from, long to, int count) throws SQLException {
        for (int i = 0; i < count; i++) {
            long b = from + (long) (random.nextDouble() * (to - from));
            long length = random.nextInt(5) == 0 ? 0 : (long) (-Math.log(1 - random.nextDouble()) * 3 * MS);
            span(stream, -1, 1, b, b + length, NAMES.get(random.nextInt(NAMES.size())));
        }
    }

    private long span(UUID stream, long parent, int depth, long b, long e, String name) throws SQLException {
        long id = nextSpanId.merge(stream, 1L, Long::sum);
        writer.addSpan(stream, id, parent, depth, b, e, name, "Engine", "Engine.cpp", 100 + name.length());
        long[] range = extent.computeIfAbsent(stream, s -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
        range[0] = Math.min(range[0], b);
        range[1] = Math.max(range[1], e);
        return id;
    }

    private ProcessInfo process(int n, String exe) throws SQLException {
        ProcessInfo p = new ProcessInfo(uuid(n, 0), exe, "tester", "Tester", "host-" + n, "Linux", "Test CPU",
                1_000_000_000L, T0 - 86_400 * SECOND * 2, 0, T0 - 86_400 * SECOND * 2, "", build(n));
        writer.addProcess(p);
        return p;
    }

    /** Processes 0, 3, 6, ... have no build; the others alternate two builds, under a key in either case. */
    private static List<Property> build(int n) {
        if (n % 3 == 0) {
            return List.of();
        }
        return List.of(Property.of(n % 2 == 0 ? "build-version" : "Build-Version", "++Edge+Main-CL-" + (100 + n % 2)));
    }

    private UUID cpuThread(ProcessInfo p, int n, String threadName) throws SQLException {
        UUID id = uuid(p.processId().getMostSignificantBits() >>> 32, n);
        writer.addStream(StreamInfo.cpuThread(id, p.processId(), threadName, n, p.insertTimeNs()));
        processOfStream.put(id, p);
        return id;
    }

    private UUID stream(ProcessInfo p, int n, List<String> tags, List<Property> properties) throws SQLException {
        UUID id = uuid(p.processId().getMostSignificantBits() >>> 32, n);
        writer.addStream(new StreamInfo(id, p.processId(), tags, properties, p.insertTimeNs()));
        processOfStream.put(id, p);
        return id;
    }

    /** One run of 500 ms blocks per stream, covering its spans. */
    private void writeBlocks() throws SQLException {
        for (Map.Entry<UUID, long[]> e : extent.entrySet()) {
            long begin = Math.floorDiv(e.getValue()[0] - T0, 500 * MS) * 500 * MS + T0;
            List<Long> bounds = new ArrayList<>();
            for (long t = begin; t <= e.getValue()[1]; t += 500 * MS) {
                bounds.add(t);
            }
            bounds.add(bounds.get(bounds.size() - 1) + 500 * MS);
            writer.addBlockRun(processOfStream.get(e.getKey()), e.getKey(), 0, 100,
                    bounds.stream().mapToLong(Long::longValue).toArray());
        }
    }

    /** The id of process {@code high} (low = 0) or of its stream {@code low}. */
    static UUID uuid(long high, long low) {
        return UUID.fromString(String.format("%08x-0000-4000-8000-%012x", high, low));
    }

    private static Map<String, List<String>> budgets() {
        Map<String, List<String>> budgets = new LinkedHashMap<>();
        budgets.put("Game", List.of("Tick Time", "Player's Tick"));
        budgets.put("Render", List.of("FRenderer::Render", "FRDG*"));
        budgets.put("AI", List.of("BT Tick", "*Perception*"));
        budgets.put("Slate", List.of("Slate::Tick"));
        return budgets;
    }
}
