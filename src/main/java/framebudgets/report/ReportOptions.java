package framebudgets.report;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How to compute a frame-budget report: group spans by budget (with a {@link BudgetMap}) or by span
 * name, what to do with unmapped spans, which threads count, how many top offenders to keep, how
 * spans are matched to frames (the size of the frame index, the time-bin width of the join beyond
 * it: performance knobs only, results never depend on them), the per-budget targets, the frame
 * target and the hitch threshold.
 * Immutable; the {@code with...} methods return a modified copy and reject bad values.
 */
public final class ReportOptions {
    /** The seed keeps the 100 worst frames per budget. */
    public static final int DEFAULT_TOP_N = 100;
    /**
     * 5 ms: a 16.7 ms frame covers 4-5 bins and a span's bin meets ~1.3 frames on average;
     * a 2 s hitch covers ~400 bins, still negligible next to the spans.
     */
    public static final long DEFAULT_BIN_WIDTH_NANOS = 5_000_000L;
    /**
     * 1M frames (4.6 hours of 60 fps play, about a billion spans) fit a broadcast index of about
     * 100 MB; reports with more frames join spans to frames instead.
     */
    public static final int DEFAULT_MAX_INDEXED_FRAMES = 1_000_000;
    /** 16.7 ms: a 60 fps frame with a little slack. */
    public static final long DEFAULT_FRAME_TARGET_NANOS = 16_700_000L;
    /** 60 ms, Unreal's default {@code t.HitchFrameTimeThreshold}. */
    public static final long DEFAULT_HITCH_THRESHOLD_NANOS = 60_000_000L;

    private final BudgetMap budgetMap;
    private final String otherBudget;
    private final ThreadMode threadMode;
    private final int topN;
    private final long binWidthNanos;
    private final Map<String, Long> targetNanos;
    private final long frameTargetNanos;
    private final long hitchThresholdNanos;
    private final int maxIndexedFrames;

    private ReportOptions(BudgetMap budgetMap, String otherBudget, ThreadMode threadMode, int topN, long binWidthNanos,
                          Map<String, Long> targetNanos, long frameTargetNanos, long hitchThresholdNanos,
                          int maxIndexedFrames) {
        this.budgetMap = budgetMap;
        this.otherBudget = otherBudget;
        this.threadMode = threadMode;
        this.topN = topN;
        this.binWidthNanos = binWidthNanos;
        this.targetNanos = targetNanos;
        this.frameTargetNanos = frameTargetNanos;
        this.hitchThresholdNanos = hitchThresholdNanos;
        this.maxIndexedFrames = maxIndexedFrames;
    }

    private ReportOptions(BudgetMap budgetMap) {
        this(budgetMap, null, ThreadMode.MAIN_THREAD, DEFAULT_TOP_N, DEFAULT_BIN_WIDTH_NANOS, Map.of(),
                DEFAULT_FRAME_TARGET_NANOS, DEFAULT_HITCH_THRESHOLD_NANOS, DEFAULT_MAX_INDEXED_FRAMES);
    }

    /** Spans grouped by the budget their name maps to; unmapped spans are dropped. */
    public static ReportOptions byBudget(BudgetMap budgetMap) {
        return new ReportOptions(Objects.requireNonNull(budgetMap, "budgetMap"));
    }

    /** Spans grouped by their exact (case-sensitive) name: the budget column holds the span name. */
    public static ReportOptions bySpanName() {
        return new ReportOptions(null);
    }

    /**
     * Counts spans that match no budget under {@code budget} instead of dropping them. Beware that
     * nested unmapped spans are then all counted (inclusive durations add up).
     */
    public ReportOptions withOtherBudget(String budget) {
        if (budgetMap == null) {
            throw new IllegalArgumentException("otherBudget: only meaningful with a budget map, not when grouping by span name");
        }
        if (budget == null || budget.isBlank()) {
            throw new IllegalArgumentException("otherBudget: must not be blank");
        }
        if (budgetMap.budgetNames().contains(budget)) {
            throw new IllegalArgumentException("otherBudget: '" + budget + "' is already a configured budget; pick another name");
        }
        return new ReportOptions(budgetMap, budget, threadMode, topN, binWidthNanos, targetNanos, frameTargetNanos, hitchThresholdNanos,
                maxIndexedFrames);
    }

    public ReportOptions withThreadMode(ThreadMode mode) {
        return new ReportOptions(budgetMap, otherBudget, Objects.requireNonNull(mode, "threadMode"), topN, binWidthNanos,
                targetNanos, frameTargetNanos, hitchThresholdNanos,
                maxIndexedFrames);
    }

    /** The number of worst frames kept per budget; at least 1. */
    public ReportOptions withTopN(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("topN: must be at least 1, got " + n);
        }
        return new ReportOptions(budgetMap, otherBudget, threadMode, n, binWidthNanos, targetNanos, frameTargetNanos, hitchThresholdNanos,
                maxIndexedFrames);
    }

    /** The time-bin width of the range join, in nanoseconds; at least 1. */
    public ReportOptions withBinWidthNanos(long nanos) {
        if (nanos < 1) {
            throw new IllegalArgumentException("binWidthNanos: must be at least 1 ns, got " + nanos);
        }
        return new ReportOptions(budgetMap, otherBudget, threadMode, topN, nanos, targetNanos, frameTargetNanos, hitchThresholdNanos,
                maxIndexedFrames);
    }

    /**
     * Per-budget targets for {@code duration_in_frame}, in nanoseconds (at least 1). With a budget
     * map, every key must be a configured budget or the other budget (set that one first); when
     * grouping by span name the keys are span names (exact, case-sensitive).
     */
    public ReportOptions withTargets(Map<String, Long> targets) {
        Map<String, Long> copy = new TreeMap<>();
        for (Map.Entry<String, Long> t : Objects.requireNonNull(targets, "targets").entrySet()) {
            String budget = t.getKey();
            if (budgetMap != null && !budgetMap.budgetNames().contains(budget) && !budget.equals(otherBudget)) {
                throw new IllegalArgumentException("targets: '" + budget + "' is not a configured budget "
                        + budgetMap.budgetNames() + (otherBudget == null ? "" : " nor the other budget '" + otherBudget + "'"));
            }
            if (t.getValue() == null || t.getValue() < 1) {
                throw new IllegalArgumentException("targets." + budget + ": must be at least 1 ns, got " + t.getValue());
            }
            copy.put(budget, t.getValue());
        }
        return new ReportOptions(budgetMap, otherBudget, threadMode, topN, binWidthNanos, Map.copyOf(copy),
                frameTargetNanos, hitchThresholdNanos, maxIndexedFrames);
    }

    /** The frame-time target in nanoseconds (at least 1): frames longer than it are over target. */
    public ReportOptions withFrameTargetNanos(long nanos) {
        if (nanos < 1) {
            throw new IllegalArgumentException("frameTarget: must be at least 1 ns, got " + nanos);
        }
        return new ReportOptions(budgetMap, otherBudget, threadMode, topN, binWidthNanos, targetNanos, nanos, hitchThresholdNanos, maxIndexedFrames);
    }

    /** Frames longer than this (nanoseconds, at least 1) are hitches. */
    public ReportOptions withHitchThresholdNanos(long nanos) {
        if (nanos < 1) {
            throw new IllegalArgumentException("hitchThreshold: must be at least 1 ns, got " + nanos);
        }
        return new ReportOptions(budgetMap, otherBudget, threadMode, topN, binWidthNanos, targetNanos, frameTargetNanos, nanos, maxIndexedFrames);
    }

    /**
     * The most frames (copies of a duplicated frame included) the per-frame stats look up through a broadcast index (at least 0;
     * 0 always joins spans to frames with the binned equi-join). A performance knob only: results
     * never depend on it.
     */
    public ReportOptions withMaxIndexedFrames(int frames) {
        if (frames < 0) {
            throw new IllegalArgumentException("maxIndexedFrames: must be at least 0, got " + frames);
        }
        return new ReportOptions(budgetMap, otherBudget, threadMode, topN, binWidthNanos, targetNanos, frameTargetNanos,
                hitchThresholdNanos, frames);
    }

    /** Empty when grouping by span name. */
    public Optional<BudgetMap> budgetMap() {
        return Optional.ofNullable(budgetMap);
    }

    public Optional<String> otherBudget() {
        return Optional.ofNullable(otherBudget);
    }

    public ThreadMode threadMode() {
        return threadMode;
    }

    public int topN() {
        return topN;
    }

    public long binWidthNanos() {
        return binWidthNanos;
    }

    /** Budget -> target in nanoseconds; budgets without a target are absent. */
    public Map<String, Long> targetNanos() {
        return targetNanos;
    }

    public long frameTargetNanos() {
        return frameTargetNanos;
    }

    public long hitchThresholdNanos() {
        return hitchThresholdNanos;
    }

    public int maxIndexedFrames() {
        return maxIndexedFrames;
    }

    @Override
    public String toString() {
        return "ReportOptions{grouping=" + (budgetMap == null ? "span name" : "budgets " + budgetMap.budgetNames())
                + ", otherBudget=" + otherBudget + ", threadMode=" + threadMode + ", topN=" + topN
                + ", binWidthNanos=" + binWidthNanos + ", targetNanos=" + targetNanos + ", frameTargetNanos=" + frameTargetNanos
                + ", hitchThresholdNanos=" + hitchThresholdNanos + ", maxIndexedFrames=" + maxIndexedFrames + "}";
    }
}
