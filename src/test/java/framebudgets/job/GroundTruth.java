package framebudgets.job;

import framebudgets.report.Telemetry;
import framebudgets.report.ThreadMode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a report run should see, worked out without Spark, Flight SQL or the pipeline's code: the
 * stand-in's storage tables ({@code mm_*}) read with plain JDBC, then the report's reading rules
 * applied in plain Java loops. A process is in the window when one of its CPU blocks overlaps
 * [from, to] (bounds included, as micromegas' range filter); its threads are the CPU streams with
 * blocks overlapping [from, to + overrun], and a span is read when it overlaps [from, to + overrun];
 * a frame is a span (depth > 0) of the main thread with the exact frame name that begins in
 * [from, to); the main thread of a process is its first CPU stream (by id) whose {@code thread-name}
 * property is exactly the configured name; the depth-0 thread rows are not spans.
 */
final class GroundTruth {
    /** The job's default build property. */
    static final String BUILD_PROPERTY = "build-version";

    record StoredSpan(String streamId, int depth, long begin, long end, String name) {}

    record StoredStream(String streamId, String processId, boolean cpu, String threadName) {}

    record StoredBlock(String streamId, String processId, long begin, long end) {}

    private final Map<String, String> exeByProcess = new TreeMap<>();
    private final Map<String, String> buildByProcess = new TreeMap<>();
    private final Map<String, StoredStream> streams = new TreeMap<>();
    private final List<StoredBlock> blocks = new ArrayList<>();
    private final List<StoredSpan> spans = new ArrayList<>();

    /** Reads every process, stream, block and span of the database behind {@code connection}. */
    GroundTruth(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT process_id, exe, "
                    + "list_transform(properties, lambda p: p.\"key\"), list_transform(properties, lambda p: p.\"value\") "
                    + "FROM mm_processes")) {
                while (rows.next()) {
                    exeByProcess.put(rows.getString(1), rows.getString(2));
                    buildByProcess.put(rows.getString(1), property(strings(rows.getArray(3)), strings(rows.getArray(4)), BUILD_PROPERTY));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT stream_id, process_id, tags, "
                    + "list_transform(properties, lambda p: p.\"key\"), list_transform(properties, lambda p: p.\"value\") "
                    + "FROM mm_streams")) {
                while (rows.next()) {
                    List<String> tags = strings(rows.getArray(3));
                    String threadName = property(strings(rows.getArray(4)), strings(rows.getArray(5)), "thread-name");
                    streams.put(rows.getString(1), new StoredStream(rows.getString(1), rows.getString(2),
                            tags.contains("cpu"), threadName));
                }
            }
            try (ResultSet rows = statement.executeQuery(
                    "SELECT stream_id, process_id, epoch_ns(begin_time), epoch_ns(end_time) FROM mm_blocks")) {
                while (rows.next()) {
                    blocks.add(new StoredBlock(rows.getString(1), rows.getString(2), rows.getLong(3), rows.getLong(4)));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT CAST(s.stream_id AS VARCHAR), s.depth, "
                    + "epoch_ns(s.\"begin\"), epoch_ns(s.\"end\"), c.name "
                    + "FROM mm_spans s JOIN mm_scopes c ON c.scope_id = s.scope_id")) {
                while (rows.next()) {
                    spans.add(new StoredSpan(rows.getString(1), rows.getInt(2), rows.getLong(3), rows.getLong(4),
                            rows.getString(5)));
                }
            }
        }
    }

    /** What a run over [from, to) sees, with the spans read up to {@code to + overrun}. */
    Run run(long from, long to, long overrun, String frameName, String mainThread, ThreadMode mode) {
        long until = to + overrun;
        Set<String> processes = new TreeSet<>();
        for (StoredBlock b : blocks) {
            StoredStream s = streams.get(b.streamId());
            if (s != null && s.cpu() && exeByProcess.containsKey(b.processId()) && b.begin() <= to && b.end() >= from) {
                processes.add(b.processId());
            }
        }
        Set<String> cpuStreams = new TreeSet<>();
        for (StoredBlock b : blocks) {
            StoredStream s = streams.get(b.streamId());
            if (s != null && s.cpu() && processes.contains(b.processId()) && b.begin() <= until && b.end() >= from) {
                cpuStreams.add(b.streamId());
            }
        }
        Map<String, String> mainStream = new TreeMap<>();
        for (String id : cpuStreams) {
            StoredStream s = streams.get(id);
            if (mainThread.equals(s.threadName())) {
                mainStream.putIfAbsent(s.processId(), id);
            }
        }
        Set<String> mainStreams = new TreeSet<>(mainStream.values());
        List<Telemetry.Frame> frames = new ArrayList<>();
        List<Telemetry.Span> reportSpans = new ArrayList<>();
        for (StoredSpan span : spans) {
            boolean read = span.depth() > 0 && span.begin() <= until && span.end() >= from;
            if (!read || !cpuStreams.contains(span.streamId())) {
                continue;
            }
            String processId = streams.get(span.streamId()).processId();
            boolean onMain = mainStreams.contains(span.streamId());
            if (onMain && span.name().equals(frameName) && span.begin() >= from && span.begin() < to) {
                frames.add(new Telemetry.Frame(processId, span.streamId(), span.begin(), span.end()));
            }
            if (onMain || (mode == ThreadMode.ALL_THREADS && mainStream.containsKey(processId))) {
                reportSpans.add(new Telemetry.Span(processId, span.streamId(), span.name(), span.begin(), span.end()));
            }
        }
        List<Telemetry.Process> processList = new ArrayList<>();
        for (String id : processes) {
            processList.add(new Telemetry.Process(id, exeByProcess.get(id), buildByProcess.get(id)));
        }
        Set<String> skipped = new TreeSet<>(processes);
        skipped.removeAll(mainStream.keySet());
        return new Run(new Telemetry(frames, reportSpans, processList), skipped);
    }

    /** The oracle's input for one run, and the processes it must skip (no main thread). */
    record Run(Telemetry telemetry, Set<String> skipped) {}

    private static List<String> strings(Array array) throws SQLException {
        List<String> out = new ArrayList<>();
        if (array != null) {
            for (Object o : (Object[]) array.getArray()) {
                out.add((String) o);
            }
        }
        return out;
    }

    /** The value of the first key equal to {@code key} ignoring ASCII case (micromegas' property_get), or null. */
    private static String property(List<String> keys, List<String> values, String key) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).equalsIgnoreCase(key)) {
                return values.get(i);
            }
        }
        return null;
    }
}
