package framebudgets.report;

import framebudgets.report.Telemetry.Frame;
import framebudgets.report.Telemetry.Process;
import framebudgets.report.Telemetry.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A brute-force frame-budget report, written independently of the pipeline: every frame against every
 * span in plain loops, its own budget lookup (character-by-character ASCII case folding and a recursive
 * glob matcher), and its own aggregation. Rows are lists of column values in the report's column order.
 */
public final class ReportOracle {
    private final Map<String, List<String>> budgets;
    private final String otherBudget;
    private final ThreadMode threadMode;
    private final int topN;

    /** {@code budgets == null} groups by span name. */
    public ReportOracle(Map<String, List<String>> budgets, String otherBudget, ThreadMode threadMode, int topN) {
        this.budgets = budgets;
        this.otherBudget = otherBudget;
        this.threadMode = threadMode;
        this.topN = topN;
    }

    public List<List<Object>> frameStats(Telemetry telemetry) {
        List<List<Object>> rows = new ArrayList<>();
        for (Frame frame : telemetry.frames()) {
            Map<String, long[]> countAndDuration = new TreeMap<>();
            for (Span span : telemetry.spans()) {
                boolean sameThread = threadMode == ThreadMode.ALL_THREADS || span.streamId().equals(frame.streamId());
                boolean inFrame = span.processId().equals(frame.processId()) && sameThread
                        && span.begin() >= frame.begin() && span.end() <= frame.end();
                String budget = inFrame ? budgetOf(span.name()) : null;
                if (budget != null) {
                    long[] acc = countAndDuration.computeIfAbsent(budget, b -> new long[2]);
                    acc[0]++;
                    acc[1] += span.duration();
                }
            }
            countAndDuration.forEach((budget, acc) ->
                    rows.add(Arrays.asList(frame.processId(), frame.begin(), frame.end(), budget, acc[0], acc[1])));
        }
        return rows;
    }

    public List<List<Object>> aggregatesByProcess(List<List<Object>> frameStats) {
        return aggregate(frameStats, row -> (String) row.get(0));
    }

    public List<List<Object>> aggregatesByExe(List<List<Object>> frameStats, List<Process> processes) {
        Map<String, String> exeByProcess = new HashMap<>();
        for (Process p : processes) {
            exeByProcess.merge(p.processId(), p.exe(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        return aggregate(frameStats, row -> exeByProcess.get((String) row.get(0)));
    }

    public List<List<Object>> topOffenders(List<List<Object>> frameStats) {
        Map<String, List<List<Object>>> byBudget = new TreeMap<>();
        for (List<Object> row : frameStats) {
            byBudget.computeIfAbsent((String) row.get(3), b -> new ArrayList<>()).add(row);
        }
        Comparator<List<Object>> worstFirst = Comparator.<List<Object>>comparingLong(r -> -(Long) r.get(5))
                .thenComparing(r -> (String) r.get(0))
                .thenComparingLong(r -> (Long) r.get(1))
                .thenComparingLong(r -> (Long) r.get(2));
        List<List<Object>> rows = new ArrayList<>();
        byBudget.forEach((budget, frames) -> {
            frames.sort(worstFirst);
            for (int i = 0; i < Math.min(topN, frames.size()); i++) {
                List<Object> f = frames.get(i);
                rows.add(Arrays.asList(budget, i + 1, f.get(0), f.get(1), f.get(2), f.get(5), f.get(4)));
            }
        });
        return rows;
    }

    private interface Key {
        String of(List<Object> frameStatsRow);
    }

    private static List<List<Object>> aggregate(List<List<Object>> frameStats, Key key) {
        Map<List<String>, long[]> acc = new HashMap<>();
        for (List<Object> row : frameStats) {
            long count = (Long) row.get(4);
            long duration = (Long) row.get(5);
            long[] a = acc.computeIfAbsent(Arrays.asList(key.of(row), (String) row.get(3)),
                    k -> new long[] {0, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE});
            a[0]++;
            a[1] += count;
            a[2] += duration;
            a[3] = Math.min(a[3], duration);
            a[4] = Math.max(a[4], duration);
        }
        List<List<Object>> rows = new ArrayList<>();
        acc.forEach((k, a) -> rows.add(Arrays.asList(k.get(0), k.get(1), a[0], a[1], a[2], a[3], a[4])));
        return rows;
    }

    private String budgetOf(String name) {
        if (budgets == null) {
            return name;
        }
        for (Map.Entry<String, List<String>> budget : budgets.entrySet()) {
            for (String pattern : budget.getValue()) {
                if (!isGlob(pattern) && equalsIgnoreAsciiCase(pattern, name)) {
                    return budget.getKey();
                }
            }
        }
        String found = null;
        for (Map.Entry<String, List<String>> budget : budgets.entrySet()) {
            for (String pattern : budget.getValue()) {
                if (isGlob(pattern) && globMatches(pattern, 0, name, 0)) {
                    if (found != null && !found.equals(budget.getKey())) {
                        throw new IllegalStateException("oracle: '" + name + "' matches globs of two budgets");
                    }
                    found = budget.getKey();
                }
            }
        }
        return found != null ? found : otherBudget;
    }

    private static boolean isGlob(String pattern) {
        return pattern.contains("*") || pattern.contains("?");
    }

    private static boolean globMatches(String pattern, int p, String name, int n) {
        if (p == pattern.length()) {
            return n == name.length();
        }
        char c = pattern.charAt(p);
        if (c == '*') {
            for (int skip = n; skip <= name.length(); skip++) {
                if (globMatches(pattern, p + 1, name, skip)) {
                    return true;
                }
            }
            return false;
        }
        return n < name.length() && (c == '?' || sameIgnoringAsciiCase(c, name.charAt(n)))
                && globMatches(pattern, p + 1, name, n + 1);
    }

    private static boolean equalsIgnoreAsciiCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (!sameIgnoringAsciiCase(a.charAt(i), b.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameIgnoringAsciiCase(char a, char b) {
        return lower(a) == lower(b);
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c - 'A' + 'a') : c;
    }
}
