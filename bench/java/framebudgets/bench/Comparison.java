package framebudgets.bench;

import java.util.List;
import java.util.Locale;

/**
 * A contender against a baseline measured in the same trial, and the target the issue sets, if any.
 * Three kinds of ratio: a speed-up (baseline median time / contender median time, at least the
 * target), a time ratio (contender / baseline time, at most the target: scaling) and a peak-memory
 * ratio (contender / baseline peak RSS, at most the target); and two absolute figures without a
 * baseline: the contender's median wall time (at most the target, in seconds) and its rows per
 * second (at least the target, in millions per second: the marginal throughput rows).
 *
 * @param baselineName short name of the baseline in the table ("raw, same pruned query"); for the
 *                     absolute figures, what the figure is
 * @param target       the bound, or null when the ratio is for information only
 */
record Comparison(String baselineName, Measurement baseline, Double target, Kind kind) {

    /** What is compared, and which way the target bounds it. */
    enum Kind { SPEEDUP, TIME_RATIO, MEMORY_RATIO, WALL_SECONDS, MROWS_PER_SECOND }

    /** The contender's median wall time may be at most {@code target} seconds (null: information only). */
    static Comparison secondsAtMost(Double target, String what) {
        return new Comparison(what, null, target, Kind.WALL_SECONDS);
    }

    /** The contender's millions of rows per second must be at least {@code target} (null: information only). */
    static Comparison millionRowsPerSecondAtLeast(Double target, String what) {
        return new Comparison(what, null, target, Kind.MROWS_PER_SECOND);
    }

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
            case WALL_SECONDS -> contender.medianSeconds();
            case MROWS_PER_SECOND -> contender.millionRowsPerSecond();
        };
    }

    String ratioText(Measurement contender) {
        if (kind == Kind.WALL_SECONDS) {
            return String.format(Locale.ROOT, "%.1f s %s", ratio(contender), baselineName);
        }
        if (kind == Kind.MROWS_PER_SECOND) {
            return String.format(Locale.ROOT, "%.2f M/s %s", ratio(contender), baselineName);
        }
        String what = switch (kind) {
            case SPEEDUP -> "";
            case TIME_RATIO -> "the time of ";
            case MEMORY_RATIO -> "the peak RSS of ";
            case WALL_SECONDS, MROWS_PER_SECOND -> throw new IllegalStateException("not a ratio: " + kind);
        };
        return String.format(Locale.ROOT, "%.2f× %s%s", ratio(contender), what, baselineName);
    }

    String targetText() {
        if (target == null) {
            return "";
        }
        boolean atLeast = kind == Kind.SPEEDUP || kind == Kind.MROWS_PER_SECOND;
        String unit = kind == Kind.WALL_SECONDS ? " s" : kind == Kind.MROWS_PER_SECOND ? " M/s" : "×";
        return String.format(Locale.ROOT, "%s %.1f%s", atLeast ? "≥" : "≤", target, unit);
    }

    /**
     * PASS/FAIL against the target, INFO without one; FAIL when the row counts differ (reading
     * fewer rows is not faster), and the names of any other values that differ. Time and memory
     * ratios compare different inputs, so their row counts are not compared; their values are when
     * both answers carry one (the peer benchmark: the job's tables against DuckDB's).
     */
    String verdict(Measurement contender) {
        if (kind == Kind.WALL_SECONDS) {
            return target == null ? "INFO" : ratio(contender) <= target ? "PASS" : "FAIL";
        }
        if (kind == Kind.MROWS_PER_SECOND) {
            return target == null ? "INFO" : ratio(contender) >= target ? "PASS" : "FAIL";
        }
        if (kind != Kind.SPEEDUP) {
            String verdict = target == null ? "INFO" : ratio(contender) <= target ? "PASS" : "FAIL";
            if (contender.answer().value() == null || baseline.answer().value() == null) {
                return verdict;
            }
            List<String> differences = contender.differencesFrom(baseline);
            differences.remove("rows");
            return differences.isEmpty() ? verdict : verdict + " (values differ: " + String.join(", ", differences) + ")";
        }
        List<String> differences = contender.differencesFrom(baseline);
        if (differences.contains("rows")) {
            return "FAIL (rows differ)";
        }
        String verdict = target == null ? "INFO" : ratio(contender) >= target ? "PASS" : "FAIL";
        return differences.isEmpty() ? verdict : verdict + " (values differ: " + String.join(", ", differences) + ")";
    }
}
