package framebudgets.bench;

import java.util.List;
import java.util.Locale;

/**
 * A contender against a baseline measured in the same trial, and the target the issue sets, if any.
 * Three kinds of ratio: a speed-up (baseline median time / contender median time, at least the
 * target), a time ratio (contender / baseline time, at most the target: scaling) and a peak-memory
 * ratio (contender / baseline peak RSS, at most the target).
 *
 * @param baselineName short name of the baseline in the table ("raw, same pruned query")
 * @param target       the bound, or null when the ratio is for information only
 */
record Comparison(String baselineName, Measurement baseline, Double target, Kind kind) {

    /** What is compared, and which way the target bounds it. */
    enum Kind { SPEEDUP, TIME_RATIO, MEMORY_RATIO }

    static Comparison info(String baselineName, Measurement baseline) {
        return new Comparison(baselineName, baseline, null, Kind.SPEEDUP);
    }

    static Comparison atLeast(double target, String baselineName, Measurement baseline) {
        return new Comparison(baselineName, baseline, target, Kind.SPEEDUP);
    }

    /** The contender may take at most {@code target} times the baseline's time (null: information only). */
    static Comparison timeAtMost(Double target, String baselineName, Measurement baseline) {
        return new Comparison(baselineName, baseline, target, Kind.TIME_RATIO);
    }

    /** The contender's peak RSS may be at most {@code target} times the baseline's (null: information only). */
    static Comparison memoryAtMost(Double target, String baselineName, Measurement baseline) {
        return new Comparison(baselineName, baseline, target, Kind.MEMORY_RATIO);
    }

    double ratio(Measurement contender) {
        return switch (kind) {
            case SPEEDUP -> contender.speedupOver(baseline);
            case TIME_RATIO -> 1 / contender.speedupOver(baseline);
            case MEMORY_RATIO -> (double) contender.peakRssBytes() / baseline.peakRssBytes();
        };
    }

    String ratioText(Measurement contender) {
        String what = switch (kind) {
            case SPEEDUP -> "";
            case TIME_RATIO -> "the time of ";
            case MEMORY_RATIO -> "the peak RSS of ";
        };
        return String.format(Locale.ROOT, "%.2f× %s%s", ratio(contender), what, baselineName);
    }

    String targetText() {
        if (target == null) {
            return "";
        }
        return String.format(Locale.ROOT, "%s %.1f×", kind == Kind.SPEEDUP ? "≥" : "≤", target);
    }

    /**
     * PASS/FAIL against the target, INFO without one; FAIL when the row counts differ (reading
     * fewer rows is not faster), and the names of any other values that differ. Time and memory
     * ratios compare different inputs, so their answers are not compared.
     */
    String verdict(Measurement contender) {
        if (kind != Kind.SPEEDUP) {
            return target == null ? "INFO" : ratio(contender) <= target ? "PASS" : "FAIL";
        }
        List<String> differences = contender.differencesFrom(baseline);
        if (differences.contains("rows")) {
            return "FAIL (rows differ)";
        }
        String verdict = target == null ? "INFO" : ratio(contender) >= target ? "PASS" : "FAIL";
        return differences.isEmpty() ? verdict : verdict + " (values differ: " + String.join(", ", differences) + ")";
    }
}
