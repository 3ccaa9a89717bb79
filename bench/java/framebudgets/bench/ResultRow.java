package framebudgets.bench;

import java.util.List;

/** One contender's line in the results table; a baseline has no comparisons. */
record ResultRow(String benchmark, Measurement measurement, List<Comparison> comparisons) {

    ResultRow {
        comparisons = List.copyOf(comparisons);
    }

    static ResultRow baseline(String benchmark, Measurement measurement) {
        return new ResultRow(benchmark, measurement, List.of());
    }
}
