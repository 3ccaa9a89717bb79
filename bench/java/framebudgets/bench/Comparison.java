package framebudgets.bench;

import java.util.List;

/**
 * A contender against a baseline measured in the same trial: the speed-up (baseline median time /
 * contender median time) and, when the issue sets one, the target it must reach.
 *
 * @param baselineName short name of the baseline in the table ("raw, same pruned query")
 * @param target       minimum speed-up, or null when the ratio is for information only
 */
record Comparison(String baselineName, Measurement baseline, Double target) {

    static Comparison info(String baselineName, Measurement baseline) {
        return new Comparison(baselineName, baseline, null);
    }

    static Comparison atLeast(double target, String baselineName, Measurement baseline) {
        return new Comparison(baselineName, baseline, target);
    }

    /**
     * PASS/FAIL against the target, INFO without one; FAIL when the row counts differ (reading
     * fewer rows is not faster), and the names of any other values that differ.
     */
    String verdict(Measurement contender) {
        List<String> differences = contender.differencesFrom(baseline);
        if (differences.contains("rows")) {
            return "FAIL (rows differ)";
        }
        String verdict = target == null ? "INFO" : contender.speedupOver(baseline) >= target ? "PASS" : "FAIL";
        return differences.isEmpty() ? verdict : verdict + " (values differ: " + String.join(", ", differences) + ")";
    }
}
