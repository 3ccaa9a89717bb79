package framebudgets.report;

import framebudgets.report.Telemetry.Frame;
import framebudgets.report.Telemetry.Process;
import framebudgets.report.Telemetry.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded synthetic telemetry packed with the range join's edge cases: touching, overlapping, duplicate,
 * nested and zero-length frames, 2 s hitch frames (400 bins of 5 ms), spans exactly on frame bounds and
 * 1 ns outside, zero-duration and identical spans, nested same-budget spans, boundary-crossing spans,
 * worker threads without frames, processes without frames or without anything, a process missing from
 * the processes table and one listed twice, timestamps around zero (negative bins) and of today's epoch-ns magnitude (~1.7e18, beyond double precision),
 * unmapped names, case variants and glob-matched names; for self time, spans of identical bounds and
 * different budgets, budgeted spans in unmapped parents, and spans overlapping partly on one thread.
 */
final class NastyTelemetry {
    static final String FRAME_SPAN = "FEngineLoop::Tick";
    static final long FRAME = 16_666_667L;
    static final long HITCH = 2_000_000_000L;
    static final long MS = 1_000_000L;
    static final long W = ReportOptions.DEFAULT_BIN_WIDTH_NANOS;

    /** The budget configuration the names below are made for (no glob conflicts among them). */
    static final Map<String, List<String>> BUDGETS = Map.of(
            "Frame", List.of(FRAME_SPAN),
            "Render", List.of("FRenderer::Render", "FRDG*"),
            "Game", List.of("Tick Time", "*_C", "FRDG::GameSide"),
            "AI", List.of("BT Tick", "*Perception?"),
            "Slate", List.of("Slate::Tick"));

    private static final List<String> NAMES = List.of(
            "FRenderer::Render", "frenderer::RENDER", "FRDG::Pass", "frdg::execute", "FRDG::GameSide",
            "frdg::gameside", "Tick Time", "TICK TIME", "BP_Hero_C", "bp_enemy_c", "BT Tick", "AIPerceptionA",
            "AIPerception", "Unmapped::Work", "Other Thing", "Slate::Tick", FRAME_SPAN);

    private final Random random;
    private final List<Frame> frames = new ArrayList<>();
    private final List<Span> spans = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    private NastyTelemetry(long seed) {
        this.random = new Random(seed);
    }

    static Telemetry generate(long seed) {
        return new NastyTelemetry(seed).build();
    }

    private Telemetry build() {
        long t0 = 1_732_000_000_123_456_789L;
        backToBackFrames("p1", t0, 50, 10, 30);
        overlappingFrames("p2", t0 + 7 * MS, 40);
        aroundZeroAndBinEdges("p3");
        noise("p4", t0, t0 + 3_000 * MS, 300);
        backToBackFrames("p6", t0 + 11, 10, 4, -1);
        backToBackFrames("p7", t0 - 5 * HITCH, 10, -1, -1);
        noise("p1", t0 - 10 * MS, t0 + 3_000 * MS, 300);
        noise("p2", t0 - 10 * MS, t0 + 3_000 * MS, 300);
        backToBackFrames("p8", t0 + 3 * MS, 20, 5, -1);
        noise("p8", t0, t0 + 400 * MS, 100);

        // Game.exe: p1 and p8 run one build (rolled up together), p2 and p4 (no frames) another; p3 has
        // no build property; p6 is not listed (null exe and build); p7 is listed twice, the smallest
        // exe wins with its build.
        processes.add(new Process("p1", "Game.exe", "++Game+Main-CL-100"));
        processes.add(new Process("p2", "Game.exe", "++Game+Main-CL-101"));
        processes.add(new Process("p3", "Server.exe"));
        processes.add(new Process("p4", "Game.exe", "++Game+Main-CL-101"));
        processes.add(new Process("p8", "Game.exe", "++Game+Main-CL-100"));
        processes.add(new Process("p5", "Tool.exe", "CL-9"));
        processes.add(new Process("p7", "B.exe", "CL-1"));
        processes.add(new Process("p7", "A.exe", "CL-2"));
        return new Telemetry(List.copyOf(frames), List.copyOf(spans), List.copyOf(processes));
    }

    /** Touching frames (each begins where the previous ends), half of them exactly FRAME long, with hitches. */
    private void backToBackFrames(String pid, long start, int count, int hitchA, int hitchB) {
        long begin = start;
        for (int i = 0; i < count; i++) {
            long length = (i == hitchA || i == hitchB) ? HITCH
                    : random.nextBoolean() ? FRAME : FRAME + random.nextInt((int) (4 * MS)) - 2 * MS;
            frame(pid, pid + "-main", begin, begin + length);
            if (i % 7 == 0 || i == hitchA) {
                boundaryCases(pid, pid + "-main", begin, begin + length);
            }
            begin += length;
        }
    }

    /** Frames overlapping by 1 ms, a triplicated frame, a nested same-name frame, a frame on a worker stream. */
    private void overlappingFrames(String pid, long start, int count) {
        String main = pid + "-main";
        long begin = start;
        for (int i = 0; i < count; i++) {
            long length = i == 15 ? HITCH : random.nextBoolean() ? FRAME : FRAME + random.nextInt((int) (3 * MS));
            frame(pid, main, begin, begin + length);
            if (i == 5) {
                frame(pid, main, begin, begin + length);
                frame(pid, main, begin, begin + length);
            }
            if (i == 12) {
                frame(pid, main, begin + MS, begin + 5 * MS);
                boundaryCases(pid, main, begin + MS, begin + 5 * MS);
            }
            if (i == 20) {
                frame(pid, pid + "-w1", begin, begin + length);
            }
            if (i % 9 == 0) {
                boundaryCases(pid, main, begin, begin + length);
            }
            begin += length - MS;
        }
    }

    /** Frames crossing zero (negative times, truncating bin division) and frames on exact bin edges, one of zero length. */
    private void aroundZeroAndBinEdges(String pid) {
        String main = pid + "-main";
        long begin = -60 * MS - 333;
        for (int i = 0; i < 8; i++) {
            frame(pid, main, begin, begin + FRAME);
            boundaryCases(pid, main, begin, begin + FRAME);
            begin += FRAME;
        }
        long edge = 100 * W;
        frame(pid, main, edge, edge + 3 * W);
        boundaryCases(pid, main, edge, edge + 3 * W);
        frame(pid, main, edge + 3 * W, edge + 3 * W);
        spans.add(new Span(pid, main, "BT Tick", edge + 3 * W, edge + 3 * W));
        spans.add(new Span(pid, main, "BT Tick", edge + 3 * W - 1, edge + 3 * W));
        frame(pid, main, edge - 3, edge);
        spans.add(new Span(pid, main, "Tick Time", edge - 1, edge));
    }

    private void frame(String pid, String stream, long begin, long end) {
        frames.add(new Frame(pid, stream, begin, end));
        spans.add(new Span(pid, stream, FRAME_SPAN, begin, end));
        boolean hitch = end - begin >= HITCH;
        children(pid, stream, begin, end, 3, hitch ? 30 : 4);
        for (int w = 1; w <= 2; w++) {
            int workerSpans = random.nextInt(3);
            for (int k = 0; k < workerSpans; k++) {
                long b = begin - 2 * MS + (long) (random.nextDouble() * (end - begin + 4 * MS));
                spans.add(new Span(pid, pid + "-w" + w, name(), b, b + (long) (random.nextDouble() * 10 * MS)));
            }
        }
    }

    /** Random nested spans inside [begin, end]; some of zero duration, some on the bounds, some reusing the parent's name. */
    private void children(String pid, String stream, long begin, long end, int depth, int maxChildren) {
        if (depth == 0) {
            return;
        }
        int count = random.nextInt(maxChildren + 1);
        for (int i = 0; i < count; i++) {
            long b = pick(begin, end);
            long e = pick(b, end);
            String name = name();
            spans.add(new Span(pid, stream, name, b, e));
            if (random.nextInt(10) == 0) {
                spans.add(new Span(pid, stream, name, b, e));
            }
            children(pid, stream, b, e, depth - 1, 3);
        }
    }

    /** A time in [low, high], landing exactly on a bound a quarter of the time. */
    private long pick(long low, long high) {
        return switch (random.nextInt(8)) {
            case 0 -> low;
            case 1 -> high;
            default -> low + (long) (random.nextDouble() * (high - low));
        };
    }

    /** Spans exactly on a frame's bounds, 1 ns outside on either side, zero-duration and duplicated ones, crossing ones. */
    private void boundaryCases(String pid, String stream, long b, long e) {
        spans.add(new Span(pid, stream, "Slate::Tick", b, e));
        spans.add(new Span(pid, stream, "Slate::Tick", b - 1, e));
        spans.add(new Span(pid, stream, "slate::tick", b, e + 1));
        spans.add(new Span(pid, stream, "BT Tick", b, b));
        spans.add(new Span(pid, stream, "BT Tick", e, e));
        spans.add(new Span(pid, stream, "BT Tick", b - 1, b - 1));
        spans.add(new Span(pid, stream, "bt tick", e + 1, e + 1));
        spans.add(new Span(pid, stream, "FRDG::Pass", b + 10, b + 20));
        spans.add(new Span(pid, stream, "FRDG::Pass", b + 10, b + 20));
        spans.add(new Span(pid, stream, "Tick Time", e - 5, e + 5));
        spans.add(new Span(pid, stream, "Unmapped::Work", b, e));
        spans.add(new Span(pid, pid + "-w1", "BP_Hero_C", b, e));
        spans.add(new Span(pid, pid + "-w2", "AIPerceptionZ", b - 1, e));
        // Self time: a budgeted span in an unmapped parent in a budgeted one, and two spans overlapping partly.
        spans.add(new Span(pid, stream, "Unmapped::Work", b + 30, b + 60));
        spans.add(new Span(pid, stream, "tick time", b + 40, b + 50));
        spans.add(new Span(pid, stream, "AIPerceptionA", b + 100, b + 200));
        spans.add(new Span(pid, stream, "BP_Hero_C", b + 150, b + 250));
    }

    /** Spans at random times on random streams of the process, ignoring frames. */
    private void noise(String pid, long from, long to, int count) {
        for (int i = 0; i < count; i++) {
            long b = from + (long) (random.nextDouble() * (to - from));
            long length = random.nextInt(5) == 0 ? 0 : (long) (-Math.log(1 - random.nextDouble()) * 3 * MS);
            String stream = pid + (random.nextBoolean() ? "-main" : "-w" + (1 + random.nextInt(3)));
            spans.add(new Span(pid, stream, name(), b, b + length));
        }
    }

    private String name() {
        return NAMES.get(random.nextInt(NAMES.size()));
    }
}
