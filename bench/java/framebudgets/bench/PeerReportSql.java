package framebudgets.bench;

import framebudgets.config.GroupBy;
import framebudgets.config.ProcessFilter;
import framebudgets.config.ReportSettings;
import framebudgets.config.ReportWindow;
import framebudgets.report.ThreadMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The frame-budget report as a DuckDB user would write it, straight over the stand-in's storage
 * tables ({@code mm_processes}, {@code mm_streams}, {@code mm_blocks}, {@code mm_spans},
 * {@code mm_scopes}), written apart from the Spark pipeline: the same processes, threads and window
 * as the job reads, frames from the main threads, the budget map applied as a join against a
 * name-to-budget table built in SQL from the configured rules (ASCII-only case folding with
 * {@code translate}, globs turned into {@code LIKE} patterns with every other character escaped;
 * exact names beat globs; a name two budgets' globs match marks a conflict, which fails the run),
 * spans joined to the frames containing them by a binned equi-join (each frame listed in the
 * {@value #BIN_NANOS}-ns bins it covers, each span keyed by the bin of its begin, exact containment
 * after), then frame stats, aggregates by process and by executable (nearest-rank percentiles from
 * sorted lists) and the top offenders, each into a temporary table {@code peer_<table>}. The rule
 * and target rows are inserted by the caller into {@code peer_budget_rule} and {@code peer_target}.
 * Supports what the benchmark's config uses: grouping by budget, no process filter.
 */
final class PeerReportSql {
    /** Time-bin width of the range join: any width gives the same pairs; this one is about half a 60 fps frame. */
    static final long BIN_NANOS = 8_000_000L;
    static final List<String> TABLES = List.of("frame_stats", "aggregates_by_process", "aggregates_by_exe", "top_offenders");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS")
            .withZone(ZoneOffset.UTC);

    private PeerReportSql() {}

    /** The statements creating the rule and target tables (empty; the caller inserts the rows). */
    static List<String> setup() {
        return List.of(
                "CREATE OR REPLACE TEMP TABLE peer_budget_rule (budget VARCHAR NOT NULL, pattern VARCHAR NOT NULL)",
                "CREATE OR REPLACE TEMP TABLE peer_target (budget VARCHAR NOT NULL, target BIGINT NOT NULL)",
                "CREATE OR REPLACE TEMP MACRO peer_fold(s) AS translate(s, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')",
                "CREATE OR REPLACE TEMP MACRO peer_is_glob(p) AS contains(p, '*') OR contains(p, '?')",
                "CREATE OR REPLACE TEMP MACRO peer_like(p) AS replace(replace(replace(replace(replace(p, '\\', '\\\\'), "
                        + "'%', '\\%'), '_', '\\_'), '*', '%'), '?', '_')",
                "CREATE OR REPLACE TEMP MACRO peer_property(props, k) AS "
                        + "(list_filter(props, lambda p: peer_fold(p.\"key\") = peer_fold(k))[1]).\"value\"");
    }

    /** The report's statements, in order. */
    static List<String> report(ReportSettings settings, ReportWindow window, Instant readUntil) {
        if (settings.groupBy() != GroupBy.BUDGET) {
            throw new IllegalArgumentException("the peer report groups by budget only, not " + settings.groupBy());
        }
        ProcessFilter filter = settings.processes();
        if (!filter.exe().isEmpty() || !filter.username().isEmpty() || !filter.computer().isEmpty()
                || !filter.propertyKey().isEmpty() || !filter.hasThread().isEmpty() || filter.maxCount() > 0) {
            throw new IllegalArgumentException("the peer report supports no process filter: " + filter);
        }
        String from = timestamp(window.from());
        String to = timestamp(window.to());
        String until = timestamp(readUntil);
        long fromNanos = nanos(window.from());
        long toNanos = nanos(window.to());
        String build = filter.buildProperty().isEmpty() ? "CAST(NULL AS VARCHAR)"
                : "peer_property(p.properties, " + quote(filter.buildProperty()) + ")";
        boolean mainOnly = settings.threads() == ThreadMode.MAIN_THREAD;
        List<String> sql = new ArrayList<>();
        // Processes with CPU blocks in the window; their CPU streams with blocks up to the read's end.
        sql.add("CREATE OR REPLACE TEMP TABLE peer_process AS SELECT p.process_id, p.exe, " + build + " AS build "
                + "FROM mm_processes p WHERE p.process_id IN (SELECT b.process_id FROM mm_blocks b "
                + "JOIN mm_streams s ON s.stream_id = b.stream_id WHERE list_contains(s.tags, 'cpu') "
                + "AND b.begin_time <= " + to + " AND b.end_time >= " + from + ")");
        sql.add("CREATE OR REPLACE TEMP TABLE peer_stream AS SELECT DISTINCT b.process_id, b.stream_id, "
                + "peer_property(s.properties, 'thread-name') AS thread_name FROM mm_blocks b "
                + "JOIN mm_streams s ON s.stream_id = b.stream_id WHERE list_contains(s.tags, 'cpu') "
                + "AND b.process_id IN (SELECT process_id FROM peer_process) "
                + "AND b.begin_time <= " + until + " AND b.end_time >= " + from);
        // The main thread of a process: its first stream (by id) with the configured thread name.
        sql.add("CREATE OR REPLACE TEMP TABLE peer_read_stream AS WITH main AS (SELECT process_id, min(stream_id) AS stream_id "
                + "FROM peer_stream WHERE thread_name = " + quote(settings.frames().mainThread()) + " GROUP BY process_id) "
                + "SELECT s.process_id, s.stream_id, CAST(s.stream_id AS UUID) AS stream_uuid, m.stream_id IS NOT NULL AS is_main "
                + "FROM peer_stream s LEFT JOIN main m ON m.stream_id = s.stream_id "
                + "WHERE s.process_id IN (SELECT process_id FROM main)" + (mainOnly ? " AND m.stream_id IS NOT NULL" : ""));
        sql.add("CREATE OR REPLACE TEMP TABLE peer_frame AS SELECT r.process_id, r.stream_id, epoch_ns(s.\"begin\") AS frame_begin, "
                + "epoch_ns(s.\"end\") AS frame_end, count(*) AS copies FROM mm_spans s JOIN mm_scopes c ON c.scope_id = s.scope_id "
                + "JOIN peer_read_stream r ON r.stream_uuid = s.stream_id AND r.is_main "
                + "WHERE s.depth > 0 AND s.\"begin\" <= " + until + " AND s.\"end\" >= " + from + " AND " + frameName(settings)
                + " AND epoch_ns(s.\"begin\") >= " + fromNanos + " AND epoch_ns(s.\"begin\") < " + toNanos
                + " AND s.\"end\" >= s.\"begin\" GROUP BY ALL");
        sql.add(budgetOfName(settings.otherBudget()));
        sql.add("CREATE OR REPLACE TEMP TABLE peer_scope_budget AS SELECT c.scope_id, m.budget FROM mm_scopes c "
                + "JOIN peer_budget_of_name m ON m.name = c.name WHERE m.budget IS NOT NULL");
        String sameStream = mainOnly ? " AND f.stream_id = s.stream_id" : "";
        sql.add("CREATE OR REPLACE TEMP TABLE peer_frame_stats AS WITH spans AS (SELECT r.process_id, r.stream_id, "
                + "epoch_ns(s.\"begin\") AS b, epoch_ns(s.\"end\") AS e, epoch_ns(s.\"end\") - epoch_ns(s.\"begin\") AS duration, "
                + "m.budget FROM mm_spans s JOIN peer_scope_budget m ON m.scope_id = s.scope_id "
                + "JOIN peer_read_stream r ON r.stream_uuid = s.stream_id "
                + "WHERE s.depth > 0 AND s.\"begin\" <= " + until + " AND s.\"end\" >= " + from + " AND s.\"end\" >= s.\"begin\"), "
                + "frame_bins AS (SELECT process_id, stream_id, frame_begin, frame_end, copies, "
                + "unnest(range(frame_begin // " + BIN_NANOS + ", frame_end // " + BIN_NANOS + " + 1)) AS bin "
                + "FROM peer_frame WHERE frame_end >= frame_begin), "
                + "tallies AS (SELECT f.process_id, f.stream_id, f.frame_begin, f.frame_end, f.copies, s.budget, "
                + "count(*) AS count_in_frame, sum(s.duration) AS duration_in_frame FROM spans s JOIN frame_bins f "
                + "ON f.process_id = s.process_id AND f.bin = s.b // " + BIN_NANOS + sameStream
                + " AND s.b >= f.frame_begin AND s.e <= f.frame_end GROUP BY ALL), "
                + "copied AS (SELECT *, unnest(range(copies)) AS copy FROM tallies) "
                + "SELECT process_id, frame_begin, frame_end, budget, count_in_frame, "
                + "CAST(duration_in_frame AS BIGINT) AS duration_in_frame FROM copied");
        sql.add("CREATE OR REPLACE TEMP TABLE peer_frames_by_process AS SELECT process_id, sum(copies) AS frames, "
                + "CAST(sum((frame_end - frame_begin) * copies) AS BIGINT) AS total_frame_duration "
                + "FROM peer_frame WHERE frame_end >= frame_begin GROUP BY process_id");
        sql.add("CREATE OR REPLACE TEMP TABLE peer_frames_by_exe AS SELECT p.exe, p.build, sum(f.copies) AS frames, "
                + "CAST(sum((f.frame_end - f.frame_begin) * f.copies) AS BIGINT) AS total_frame_duration "
                + "FROM peer_frame f LEFT JOIN peer_process p ON p.process_id = f.process_id "
                + "WHERE f.frame_end >= f.frame_begin GROUP BY p.exe, p.build");
        sql.add("CREATE OR REPLACE TEMP TABLE peer_aggregates_by_process AS WITH st AS (" + statistics(
                "fs.process_id", "peer_frame_stats fs") + ") SELECT st.process_id, " + shares(
                "LEFT JOIN peer_frames_by_process t ON t.process_id = st.process_id"));
        sql.add("CREATE OR REPLACE TEMP TABLE peer_aggregates_by_exe AS WITH st AS (" + statistics(
                "p.exe, p.build", "peer_frame_stats fs LEFT JOIN peer_process p ON p.process_id = fs.process_id")
                + ") SELECT st.exe, st.build, " + shares("LEFT JOIN peer_frames_by_exe t "
                + "ON t.exe IS NOT DISTINCT FROM st.exe AND t.build IS NOT DISTINCT FROM st.build"));
        sql.add("CREATE OR REPLACE TEMP TABLE peer_top_offenders AS SELECT budget, CAST(rank AS INTEGER) AS rank, process_id, "
                + "frame_begin, frame_end, duration_in_frame, count_in_frame FROM (SELECT *, row_number() OVER (PARTITION BY "
                + "budget ORDER BY duration_in_frame DESC, process_id, frame_begin, frame_end) AS rank FROM peer_frame_stats) "
                + "WHERE rank <= " + settings.topOffenders());
        return sql;
    }

    /**
     * The budget of each span name of {@code mm_scopes} into {@code peer_budget_of_name(name, budget,
     * conflict)}: an exact rule (ASCII-folded equality), else the one budget whose globs match, else
     * {@code otherBudget} (none when empty); {@code conflict} when globs of two budgets match and no
     * exact rule does.
     */
    static String budgetOfName(String otherBudget) {
        String other = otherBudget.isEmpty() ? "CAST(NULL AS VARCHAR)" : quote(otherBudget);
        return "CREATE OR REPLACE TEMP TABLE peer_budget_of_name AS WITH names AS (SELECT DISTINCT name FROM mm_scopes), "
                + "exact AS (SELECT n.name, r.budget FROM names n JOIN peer_budget_rule r "
                + "ON NOT peer_is_glob(r.pattern) AND peer_fold(n.name) = peer_fold(r.pattern)), "
                + "globbed AS (SELECT n.name, count(DISTINCT r.budget) AS budgets, min(r.budget) AS budget FROM names n "
                + "JOIN peer_budget_rule r ON peer_is_glob(r.pattern) "
                + "AND like_escape(peer_fold(n.name), peer_like(peer_fold(r.pattern)), '\\') GROUP BY n.name) "
                + "SELECT n.name, coalesce(e.budget, CASE WHEN g.budgets = 1 THEN g.budget END, " + other + ") AS budget, "
                + "e.budget IS NULL AND coalesce(g.budgets, 0) > 1 AS conflict "
                + "FROM names n LEFT JOIN exact e ON e.name = n.name LEFT JOIN globbed g ON g.name = n.name";
    }

    /** Span names two budgets' globs match without an exact rule (the job fails on them). */
    static String conflicts() {
        return "SELECT name FROM peer_budget_of_name WHERE conflict ORDER BY name";
    }

    private static String statistics(String keys, String from) {
        StringBuilder sql = new StringBuilder("SELECT " + keys + ", fs.budget, count(*) AS nb_frames, "
                + "CAST(sum(fs.count_in_frame) AS BIGINT) AS sum_counts, CAST(sum(fs.duration_in_frame) AS BIGINT) AS sum_duration, "
                + "min(fs.duration_in_frame) AS min_duration, max(fs.duration_in_frame) AS max_duration, "
                + "list_sort(list(fs.duration_in_frame)) AS sorted, count_if(fs.duration_in_frame > tg.target) AS over, "
                + "any_value(tg.target) AS target_duration FROM " + from + " LEFT JOIN peer_target tg ON tg.budget = fs.budget "
                + "GROUP BY " + keys + ", fs.budget");
        return sql.toString();
    }

    private static String shares(String totals) {
        StringBuilder sql = new StringBuilder("st.budget, st.nb_frames, st.sum_counts, st.sum_duration, st.min_duration, "
                + "st.max_duration, CAST(st.sum_duration AS DOUBLE) / st.nb_frames AS mean_duration");
        for (int p : new int[] {50, 90, 95, 99}) {
            // Nearest rank: the ceil(p/100 × n)-th smallest, in integer arithmetic.
            sql.append(String.format(Locale.ROOT, ", st.sorted[(%d * st.nb_frames + 99) // 100] AS p%d_duration", p, p));
        }
        sql.append(", t.frames AS total_frames, CAST(st.nb_frames AS DOUBLE) / t.frames AS share_of_frames, "
                + "t.total_frame_duration, CASE WHEN t.total_frame_duration > 0 THEN CAST(st.sum_duration AS DOUBLE) "
                + "/ t.total_frame_duration END AS share_of_frame_time, st.target_duration, "
                + "CASE WHEN st.target_duration IS NOT NULL THEN st.over END AS frames_over_target, "
                + "CASE WHEN st.target_duration IS NOT NULL THEN CAST(st.over AS DOUBLE) / t.frames END AS share_over_target, "
                + "CASE WHEN st.target_duration IS NULL THEN NULL WHEN st.sorted[(50 * st.nb_frames + 99) // 100] > "
                + "st.target_duration THEN 'fail' WHEN st.sorted[(95 * st.nb_frames + 99) // 100] > st.target_duration "
                + "THEN 'warn' ELSE 'pass' END AS target_status FROM st ").append(totals);
        return sql.toString();
    }

    /** The frame span: its exact name (case-sensitive, as the job filters it), or its glob. */
    private static String frameName(ReportSettings settings) {
        String name = settings.frames().spanName();
        boolean glob = name.contains("*") || name.contains("?");
        return glob ? "like_escape(c.name, peer_like(" + quote(name) + "), '\\')" : "c.name = " + quote(name);
    }

    static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String timestamp(Instant t) {
        return "CAST('" + TIMESTAMP.format(t) + "' AS TIMESTAMP_NS)";
    }

    private static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }
}
