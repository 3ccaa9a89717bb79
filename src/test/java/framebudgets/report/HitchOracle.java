package framebudgets.report;

import framebudgets.report.Telemetry.Frame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The hitches table by brute force, written apart from {@link Hitches}: plain loops over the oracle's frame stats. */
final class HitchOracle {
    private HitchOracle() {}

    /**
     * What made each hitch, from the oracle's own frame stats: per distinct hitch frame, its length
     * and the process's median frame; per budget the median self time over every frame of the
     * process (a zero for each frame without it); the three budgets with the most self time over
     * their median (ties by name), padded with nulls.
     */
    static List<List<Object>> hitches(List<List<Object>> frameStats, Telemetry telemetry, long hitchThreshold) {
        Map<String, List<Long>> frameLengths = new HashMap<>();
        for (Frame f : telemetry.frames()) {
            frameLengths.computeIfAbsent(f.processId(), p -> new ArrayList<>()).add(f.end() - f.begin());
        }
        Map<List<Object>, List<Long>> selfByBudget = new HashMap<>();
        Map<List<Object>, Map<String, Long>> selfInFrame = new HashMap<>();
        for (List<Object> row : frameStats) {
            selfByBudget.computeIfAbsent(List.of(row.get(0), row.get(3)), k -> new ArrayList<>()).add((Long) row.get(6));
            selfInFrame.computeIfAbsent(List.of(row.get(0), row.get(1), row.get(2)), k -> new TreeMap<>())
                    .merge((String) row.get(3), (Long) row.get(6), Math::max);
        }
        Map<List<Object>, Long> medians = new HashMap<>();
        selfByBudget.forEach((key, values) -> {
            List<Long> all = new ArrayList<>(values);
            while (all.size() < frameLengths.get((String) key.get(0)).size()) {
                all.add(0L);
            }
            all.sort(null);
            medians.put(key, ReportOracle.rank(all, 50));
        });
        Set<List<Object>> seen = new HashSet<>();
        List<List<Object>> rows = new ArrayList<>();
        for (Frame f : telemetry.frames()) {
            long length = f.end() - f.begin();
            if (length <= hitchThreshold || !seen.add(List.of(f.processId(), f.begin(), f.end()))) {
                continue;
            }
            List<Long> lengths = new ArrayList<>(frameLengths.get(f.processId()));
            lengths.sort(null);
            long median = ReportOracle.rank(lengths, 50);
            List<Object> row = new ArrayList<>(Arrays.asList(f.processId(), f.begin(), f.end(), length, median, length - median));
            List<Object[]> grown = new ArrayList<>();
            selfInFrame.getOrDefault(List.of(f.processId(), f.begin(), f.end()), Map.of()).forEach((budget, self) -> {
                long budgetMedian = medians.get(List.of(f.processId(), budget));
                if (self - budgetMedian > 0) {
                    grown.add(new Object[] {budget, self, budgetMedian, self - budgetMedian});
                }
            });
            grown.sort(Comparator.<Object[]>comparingLong(g -> -(Long) g[3]).thenComparing(g -> (String) g[0]));
            for (int i = 0; i < 3; i++) {
                row.addAll(i < grown.size() ? Arrays.asList(grown.get(i)) : Arrays.asList(null, null, null, null));
            }
            rows.add(row);
        }
        return rows;
    }
}
