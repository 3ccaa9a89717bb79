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
 * glob matcher), and its own aggregation (percentiles by sorting and taking rank {@code ceil(p * n / 100)}
 * in integer arithmetic). Rows are lists of column values in the report's column order.
 */
public final class ReportOracle {
    private final Map<String, List<String>> budgets;
    private final String otherBudget;
    private final ThreadMode threadMode;
    private final int topN;
    private final Map<String, Long> targets;
    private final long frameTarget;
    private final long hitchThreshold;
    private Telemetry statsOf;
    private List<List<Object>> stats;

    /** {@code budgets == null} groups by span name. */
    public ReportOracle(Map<String, List<String>> budgets, String otherBudget, ThreadMode threadMode, int topN) {
        this(budgets, otherBudget, threadMode, topN, Map.of(), ReportOptions.DEFAULT_FRAME_TARGET_NANOS,
                ReportOptions.DEFAULT_HITCH_THRESHOLD_NANOS);
    }

    private ReportOracle(Map<String, List<String>> budgets, String otherBudget, ThreadMode threadMode, int topN,
                         Map<String, Long> targets, long frameTarget, long hitchThreshold) {
        this.budgets = budgets;
        this.otherBudget = otherBudget;
        this.threadMode = threadMode;
        this.topN = topN;
        this.targets = targets;
        this.frameTarget = frameTarget;
        this.hitchThreshold = hitchThreshold;
    }

    public ReportOracle withTargets(Map<String, Long> budgetTargets, long frameTargetNanos, long hitchThresholdNanos) {
        return new ReportOracle(budgets, otherBudget, threadMode, topN, budgetTargets, frameTargetNanos, hitchThresholdNanos);
    }

    public List<List<Object>> frameStats(Telemetry telemetry) {
        if (telemetry == statsOf) {
            return stats;
        }
        long[] self = selfTimes(telemetry);
        List<List<Object>> rows = new ArrayList<>();
        for (Frame frame : telemetry.frames()) {
            Map<String, long[]> countAndDuration = new TreeMap<>();
            for (int s = 0; s < telemetry.spans().size(); s++) {
                Span span = telemetry.spans().get(s);
                boolean sameThread = threadMode == ThreadMode.ALL_THREADS || span.streamId().equals(frame.streamId());
                boolean inFrame = span.processId().equals(frame.processId()) && sameThread
                        && span.begin() >= frame.begin() && span.end() <= frame.end();
                String budget = inFrame ? budgetOf(span.name()) : null;
                if (budget != null) {
                    long[] acc = countAndDuration.computeIfAbsent(budget, b -> new long[3]);
                    acc[0]++;
                    acc[1] += span.duration();
                    acc[2] += self[s];
                }
            }
            countAndDuration.forEach((budget, acc) ->
                    rows.add(Arrays.asList(frame.processId(), frame.begin(), frame.end(), budget, acc[0], acc[1], acc[2])));
        }
        statsOf = telemetry;
        stats = rows;
        return rows;
    }

    /** The self time of each span, by position ({@link SelfTimeOracle}). */
    long[] selfTimes(Telemetry telemetry) {
        return SelfTimeOracle.selfTimes(telemetry.spans(), this::budgetOf);
    }

    public List<List<Object>> aggregatesByProcess(List<List<Object>> frameStats, Telemetry telemetry) {
        return aggregate(frameStats, List::of, framesByProcess(telemetry));
    }

    /** Per (exe, build, budget). */
    public List<List<Object>> aggregatesByExe(List<List<Object>> frameStats, Telemetry telemetry) {
        return aggregate(frameStats, exeAndBuild(telemetry.processes()), framesByExe(telemetry));
    }

    public List<List<Object>> framesByProcess(Telemetry telemetry) {
        return frameSummary(telemetry, List::of);
    }

    /** Per (exe, build). */
    public List<List<Object>> framesByExe(Telemetry telemetry) {
        return frameSummary(telemetry, exeAndBuild(telemetry.processes()));
    }

    /**
     * (exe, build) of a process id: [null, null] when it is not listed; when it is listed twice, the
     * smallest exe, then the smallest build, null before any value (Spark's order of structs).
     */
    private static Key exeAndBuild(List<Process> processes) {
        Comparator<String> nullsFirst = Comparator.nullsFirst(Comparator.naturalOrder());
        Comparator<Process> first = Comparator.comparing(Process::exe, nullsFirst).thenComparing(Process::build, nullsFirst);
        Map<String, Process> byId = new HashMap<>();
        for (Process p : processes) {
            byId.merge(p.processId(), p, (a, b) -> first.compare(a, b) <= 0 ? a : b);
        }
        return id -> byId.containsKey(id) ? Arrays.asList(byId.get(id).exe(), byId.get(id).build()) : Arrays.asList(null, null);
    }

    private List<List<Object>> frameSummary(Telemetry telemetry, Key key) {
        Map<List<String>, Long> budgetedSelf = new HashMap<>();
        for (List<Object> row : frameStats(telemetry)) {
            budgetedSelf.merge(key.of((String) row.get(0)), (Long) row.get(6), Long::sum);
        }
        Map<List<String>, List<Long>> durations = new HashMap<>();
        for (Frame f : telemetry.frames()) {
            durations.computeIfAbsent(key.of(f.processId()), k -> new ArrayList<>()).add(f.end() - f.begin());
        }
        List<List<Object>> rows = new ArrayList<>();
        durations.forEach((k, list) -> {
            list.sort(null);
            long n = list.size();
            long total = 0;
            long over = 0;
            long hitches = 0;
            for (long d : list) {
                total += d;
                over += d > frameTarget ? 1 : 0;
                hitches += d > hitchThreshold ? 1 : 0;
            }
            List<Object> row = new ArrayList<>(k);
            row.addAll(Arrays.asList(n, total, (double) total / n, list.get(0), rank(list, 50), rank(list, 90),
                    rank(list, 95), rank(list, 99), list.get(list.size() - 1), frameTarget, over, (double) over / n,
                    hitchThreshold, hitches, total > 0 ? (double) hitches / ((double) total / 60e9) : null));
            long self = budgetedSelf.getOrDefault(k, 0L);
            Long unbudgeted = threadMode == ThreadMode.MAIN_THREAD ? total - self : null;
            row.addAll(Arrays.asList(self, unbudgeted, unbudgeted != null && total > 0 ? (double) unbudgeted / total : null));
            rows.add(row);
        });
        return rows;
    }

    /** What made each hitch, by brute force from the oracle's own frame stats ({@link HitchOracle}). */
    public List<List<Object>> hitches(List<List<Object>> frameStats, Telemetry telemetry) {
        return HitchOracle.hitches(frameStats, telemetry, hitchThreshold);
    }

    /** Nearest rank: the value of rank ceil(percent * n / 100), 1-based, in the sorted list. */
    static long rank(List<Long> sorted, int percent) {
        long n = sorted.size();
        long rank = Math.max(1, (percent * n + 99) / 100);
        return sorted.get((int) rank - 1);
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

    /** The grouping columns of a process id (the process itself, or its exe and build). */
    private interface Key {
        List<String> of(String processId);
    }

    /** Rows of (group key columns..., budget, statistics...); the frame summary rows start with the same key columns. */
    private List<List<Object>> aggregate(List<List<Object>> frameStats, Key key, List<List<Object>> frameSummary) {
        Map<List<Object>, List<Object>> totals = new HashMap<>();
        Map<List<String>, long[]> acc = new HashMap<>();
        Map<List<String>, List<Long>> durations = new HashMap<>();
        for (List<Object> row : frameStats) {
            long count = (Long) row.get(4);
            long duration = (Long) row.get(5);
            List<String> k = new ArrayList<>(key.of((String) row.get(0)));
            int keys = k.size();
            for (List<Object> summary : frameSummary) {
                totals.put(summary.subList(0, keys), summary.subList(keys, summary.size()));
            }
            k.add((String) row.get(3));
            long[] a = acc.computeIfAbsent(k, x -> new long[] {0, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE, 0});
            a[0]++;
            a[1] += count;
            a[2] += duration;
            a[3] = Math.min(a[3], duration);
            a[4] = Math.max(a[4], duration);
            a[5] += (Long) row.get(6);
            durations.computeIfAbsent(k, x -> new ArrayList<>()).add(duration);
        }
        List<List<Object>> rows = new ArrayList<>();
        acc.forEach((k, a) -> {
            List<Long> sorted = durations.get(k);
            sorted.sort(null);
            long p50 = rank(sorted, 50);
            long p95 = rank(sorted, 95);
            List<Object> groupTotals = totals.get(new ArrayList<Object>(k.subList(0, k.size() - 1)));
            long totalFrames = (Long) groupTotals.get(0);
            long totalTime = (Long) groupTotals.get(1);
            String budget = k.get(k.size() - 1);
            Long target = targets.get(budget);
            Long over = null;
            if (target != null) {
                over = sorted.stream().filter(d -> d > target).count();
            }
            String status = target == null ? null : p50 > target ? "fail" : p95 > target ? "warn" : "pass";
            List<Object> out = new ArrayList<>(k);
            rows.add(out);
            out.addAll(Arrays.asList(a[0], a[1], a[2], a[3], a[4], (double) a[2] / a[0],
                    p50, rank(sorted, 90), p95, rank(sorted, 99),
                    totalFrames, (double) a[0] / totalFrames, totalTime, totalTime > 0 ? (double) a[2] / totalTime : null,
                    target, over, over == null ? null : (double) over / totalFrames, status,
                    a[5], totalTime > 0 ? (double) a[5] / totalTime : null));
        });
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
