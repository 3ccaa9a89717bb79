package framebudgets.job;

import static org.apache.spark.sql.functions.col;

import framebudgets.config.Printable;
import framebudgets.config.ProcessFilter;
import framebudgets.micromegas.ThreadStream;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a run that found nothing to report says: what it looked for and what was there (the
 * processes filter, the thread names seen, the span names seen on the main threads), so that a
 * typo in {@code frames.main-thread} or {@code frames.span-name} is found from the message alone.
 * Such a run writes no table (see {@link ReportRun}).
 */
final class NothingToReport {
    /** How many names seen a message lists. */
    private static final int NAMES_SHOWN = 12;

    private NothingToReport() {}

    static String noProcess(ProcessFilter filter) {
        StringBuilder f = new StringBuilder();
        append(f, "exe", filter.exe());
        append(f, "username", filter.username());
        append(f, "computer", filter.computer());
        if (!filter.propertyKey().isEmpty()) {
            f.append(f.isEmpty() ? "" : ", ").append("property-key = ").append(Printable.quoted(filter.propertyKey()));
            append(f, "property-values", filter.propertyValues());
        }
        if (!filter.hasThread().isEmpty()) {
            f.append(f.isEmpty() ? "" : ", ").append("has-thread = ").append(Printable.quoted(filter.hasThread()));
        }
        return "no process in the window matched framebudgets.processes" + (f.isEmpty() ? " (no filter)" : " { " + f + " }");
    }

    static String noMainThread(String mainThread, int processes, List<ThreadStream> streams) {
        List<String> names = streams.stream().map(ThreadStream::threadName).map(n -> n == null ? "(no thread-name)" : n)
                .collect(Collectors.toCollection(TreeSet::new)).stream().toList();
        return "no thread named " + Printable.quoted(mainThread) + " (framebudgets.frames.main-thread) in " + processes
                + " processes; threads seen: " + shown(names);
    }

    static String noFrame(String spanName, String mainThread, int processes, Dataset<Row> mainThreadSpans) {
        List<String> names = mainThreadSpans.select(col("name")).distinct().orderBy(col("name"))
                .limit(NAMES_SHOWN + 1).collectAsList().stream().map(r -> r.getString(0)).toList();
        return "no frame named " + Printable.quoted(spanName) + " (framebudgets.frames.span-name) beginning in the window "
                + "on thread " + Printable.quoted(mainThread) + " of " + processes + " processes; span names seen there: "
                + shown(names);
    }

    private static String shown(List<String> names) {
        if (names.isEmpty()) {
            return "none";
        }
        String list = names.stream().limit(NAMES_SHOWN).map(Printable::escaped).collect(Collectors.joining(", "));
        return names.size() > NAMES_SHOWN ? list + ", ..." : list;
    }

    private static void append(StringBuilder f, String key, List<String> values) {
        if (!values.isEmpty()) {
            f.append(f.isEmpty() ? "" : ", ").append(key).append(" = ")
                    .append(values.stream().map(Printable::quoted).collect(Collectors.joining(", ", "[", "]")));
        }
    }
}
