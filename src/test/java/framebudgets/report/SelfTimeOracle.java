package framebudgets.report;

import framebudgets.report.Telemetry.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.LongStream;

/**
 * Self time by brute force, written apart from {@link SelfTime} (which sweeps a stack): every
 * interval between two consecutive span bounds of a stream, checked against every budgeted span.
 */
final class SelfTimeOracle {
    private SelfTimeOracle() {}

    /**
     * The self time of each span (by position; 0 for spans without a budget), by brute force: per
     * stream, the time between every two consecutive span bounds goes to the one budgeted span
     * covering it that began last (ties: the one ending first, then the greatest name by code point,
     * the rule of the report's README), checked against every budgeted span of the stream.
     */
    static long[] selfTimes(List<Span> spans, Function<String, String> budgetOf) {
        long[] self = new long[spans.size()];
        Map<List<String>, List<Integer>> byStream = new HashMap<>();
        for (int s = 0; s < spans.size(); s++) {
            if (budgetOf.apply(spans.get(s).name()) != null) {
                byStream.computeIfAbsent(Arrays.asList(spans.get(s).processId(), spans.get(s).streamId()),
                        k -> new ArrayList<>()).add(s);
            }
        }
        for (List<Integer> stream : byStream.values()) {
            long[] points = stream.stream().flatMapToLong(s -> LongStream.of(spans.get(s).begin(),
                    spans.get(s).end())).sorted().distinct().toArray();
            for (int i = 0; i + 1 < points.length; i++) {
                long from = points[i];
                long to = points[i + 1];
                int owner = -1;
                for (int s : stream) {
                    Span span = spans.get(s);
                    if (span.begin() <= from && span.end() >= to && (owner < 0 || beganLater(span, spans.get(owner)))) {
                        owner = s;
                    }
                }
                if (owner >= 0) {
                    self[owner] += to - from;
                }
            }
        }
        return self;
    }

    private static boolean beganLater(Span a, Span b) {
        if (a.begin() != b.begin()) {
            return a.begin() > b.begin();
        }
        if (a.end() != b.end()) {
            return a.end() < b.end();
        }
        int[] x = a.name().codePoints().toArray();
        int[] y = b.name().codePoints().toArray();
        return Arrays.compare(x, y) > 0;
    }
}
