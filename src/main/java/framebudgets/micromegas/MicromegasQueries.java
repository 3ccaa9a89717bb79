package framebudgets.micromegas;

import static framebudgets.micromegas.SqlLiterals.string;
import static framebudgets.micromegas.SqlLiterals.stringList;
import static framebudgets.micromegas.SqlLiterals.uuid;

import framebudgets.config.ProcessFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL the report sends to micromegas ({@code blocks} with its dotted columns,
 * {@code view_instance('thread_spans', stream_id)}, {@code property_get}), valid on 0.11 and the
 * newest releases alike: properties are only read through {@code property_get} on the server
 * (0.11's lists and the newest JSONB both), columns by name, collected lists sorted. Every value is quoted
 * with {@link SqlLiterals}; ids are checked to be UUIDs. The report window travels as the
 * {@code query_range_begin/end} headers, not in the SQL.
 */
public final class MicromegasQueries {
    private MicromegasQueries() {}

    /**
     * The processes that have CPU blocks in the window, after the configured filters; one row per
     * process: process_id, exe, username, computer, begin, end (of its blocks), and build (the value
     * of the filter's build property, NULL when the process lacks it; no column when no build
     * property is set), ordered by process_id.
     */
    public static String processes(ProcessFilter filter) {
        List<String> where = new ArrayList<>();
        where.add("array_has(\"streams.tags\", 'cpu')");
        if (!filter.exe().isEmpty()) {
            where.add("\"processes.exe\" IN " + stringList(filter.exe()));
        }
        if (!filter.username().isEmpty()) {
            where.add("\"processes.username\" IN " + stringList(filter.username()));
        }
        if (!filter.computer().isEmpty()) {
            where.add("\"processes.computer\" IN " + stringList(filter.computer()));
        }
        if (!filter.propertyKey().isEmpty()) {
            where.add("property_get(\"processes.properties\", " + string(filter.propertyKey()) + ") IN "
                    + stringList(filter.propertyValues()));
        }
        if (!filter.hasThread().isEmpty()) {
            where.add("process_id IN (SELECT process_id FROM blocks WHERE property_get(\"streams.properties\", 'thread-name') = "
                    + string(filter.hasThread()) + ")");
        }
        String build = filter.buildProperty().isEmpty() ? ""
                : ", property_get(\"processes.properties\", " + string(filter.buildProperty()) + ")";
        String sql = "SELECT process_id, \"processes.exe\" AS exe, \"processes.username\" AS username, "
                + "\"processes.computer\" AS computer, min(begin_time) AS begin, max(end_time) AS \"end\""
                + (build.isEmpty() ? "" : build + " AS build")
                + " FROM blocks WHERE " + String.join(" AND ", where)
                + " GROUP BY process_id, \"processes.exe\", \"processes.username\", \"processes.computer\"" + build
                + " ORDER BY process_id";
        if (filter.maxCount() > 0) {
            sql += " LIMIT " + filter.maxCount();
        }
        return sql;
    }

    /**
     * The CPU streams (threads) of the given processes that have blocks in the window: process_id,
     * stream_id, thread_name (the {@code thread-name} property, NULL when absent), ordered.
     */
    public static String cpuStreams(List<String> processIds) {
        List<String> quoted = new ArrayList<>(processIds.size());
        for (String id : processIds) {
            quoted.add(uuid("process id", id));
        }
        return "SELECT process_id, stream_id, property_get(\"streams.properties\", 'thread-name') AS thread_name "
                + "FROM blocks WHERE array_has(\"streams.tags\", 'cpu') AND process_id IN (" + String.join(", ", quoted) + ") "
                + "GROUP BY process_id, stream_id, property_get(\"streams.properties\", 'thread-name') "
                + "ORDER BY process_id, stream_id";
    }

    /**
     * The spans of one thread stream in the window (sent as headers): name, begin, end, duration.
     * The synthetic depth-0 row micromegas adds per block run is not a span and is left out.
     */
    public static String threadSpans(String streamId) {
        return "SELECT name, \"begin\", \"end\", duration FROM view_instance('thread_spans', "
                + uuid("stream id", streamId) + ") WHERE depth > 0";
    }

    /** Like {@link #threadSpans}, only the spans named exactly {@code name} (the frames of a main thread). */
    public static String threadSpansNamed(String streamId, String name) {
        return threadSpans(streamId) + " AND name = " + string(name);
    }
}
