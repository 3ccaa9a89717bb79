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
 * <p>A record whose canonical constructor is the one place every value is checked (an
 * {@link IllegalArgumentException} naming the option); {@link #byBudget} and {@link #bySpanName}
 * start a {@link Builder} with the defaults, which only collects values for it. A new option is a
 * component, its check in the constructor, and a builder setter with its default.
 */
public record ReportOptions(Optional<BudgetMap> budgetMap, Optional<String> otherBudget, ThreadMode threadMode, int topN,
                            long binWidthNanos, Map<String, Long> targetNanos, long frameTargetNanos, long hitchThresholdNanos,
                            int maxIndexedFrames) {
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

    /**
     * Checks every value. {@code budgetMap} empty groups by span name. {@code otherBudget} counts
     * unmapped spans under that name (only with a budget map; beware that nested unmapped spans
     * are then all counted). {@code targetNanos}: per-budget targets for {@code duration_in_frame}
     * (see {@link #unknownTarget}); {@code maxIndexedFrames}: the most frames (copies of a duplicated
     * frame included) looked up through a broadcast index, 0 = always the binned join; it and
     * {@code binWidthNanos} are performance knobs only, results never depend on them.
     */
    public ReportOptions {
        Objects.requireNonNull(budgetMap, "budgetMap");
        Objects.requireNonNull(otherBudget, "otherBudget");
        Objects.requireNonNull(threadMode, "threadMode");
        if (otherBudget.isPresent()) {
            String budget = otherBudget.get();
            if (budgetMap.isEmpty()) {
                throw new IllegalArgumentException("otherBudget: only meaningful with a budget map, not when grouping by span name");
            }
            if (budget.isBlank()) {
                throw new IllegalArgumentException("otherBudget: must not be blank");
            }
            if (budgetMap.get().budgetNames().contains(budget)) {
                throw new IllegalArgumentException("otherBudget: '" + budget + "' is already a configured budget; pick another name");
            }
        }
        atLeast("topN", topN, 1, "");
        atLeast("binWidthNanos", binWidthNanos, 1, " ns");
        atLeast("frameTarget", frameTargetNanos, 1, " ns");
        atLeast("hitchThreshold", hitchThresholdNanos, 1, " ns");
        atLeast("maxIndexedFrames", maxIndexedFrames, 0, "");
        Map<String, Long> targets = new TreeMap<>();
        for (Map.Entry<String, Long> t : Objects.requireNonNull(targetNanos, "targets").entrySet()) {
            Optional<String> unknown = unknownTarget(budgetMap.map(BudgetMap::budgetNames).orElse(null), otherBudget.orElse(""), t.getKey());
            if (unknown.isPresent()) {
                throw new IllegalArgumentException("targets: " + unknown.get());
            }
            if (t.getValue() == null || t.getValue() < 1) {
                throw new IllegalArgumentException("targets." + t.getKey() + ": must be at least 1 ns, got " + t.getValue());
            }
            targets.put(t.getKey(), t.getValue());
        }
        targetNanos = Map.copyOf(targets);
    }

    /**
     * The one rule for a target's name: with a budget map ({@code budgets} not null) it must be a
     * configured budget or the other budget ({@code otherBudget}, empty for none); grouping by span
     * name ({@code budgets} null) the keys are span names (exact, case-sensitive), any name goes.
     * Empty when the name is fine, else what is wrong with it (the settings loader says it too).
     */
    public static Optional<String> unknownTarget(java.util.Collection<String> budgets, String otherBudget, String name) {
        if (budgets == null || budgets.contains(name) || name.equals(otherBudget)) {
            return Optional.empty();
        }
        return Optional.of("'" + name + "' is not a configured budget (budgets: " + String.join(", ", new java.util.TreeSet<>(budgets))
                + (otherBudget.isEmpty() ? "" : "; other budget: " + otherBudget) + ")");
    }

    private static void atLeast(String option, long value, long least, String unit) {
        if (value < least) {
            throw new IllegalArgumentException(option + ": must be at least " + least + unit + ", got " + value);
        }
    }

    /** Spans grouped by the budget their name maps to; unmapped spans are dropped (unless {@link Builder#otherBudget}). */
    public static Builder byBudget(BudgetMap budgetMap) {
        return new Builder(Optional.of(Objects.requireNonNull(budgetMap, "budgetMap")));
    }

    /** Spans grouped by their exact (case-sensitive) name: the budget column holds the span name. */
    public static Builder bySpanName() {
        return new Builder(Optional.empty());
    }

    /** Collects the options with their defaults; {@link #build} is where they are checked. */
    public static final class Builder {
        private final Optional<BudgetMap> budgetMap;
        private Optional<String> otherBudget = Optional.empty();
        private ThreadMode threadMode = ThreadMode.MAIN_THREAD;
        private int topN = DEFAULT_TOP_N;
        private long binWidthNanos = DEFAULT_BIN_WIDTH_NANOS;
        private Map<String, Long> targetNanos = Map.of();
        private long frameTargetNanos = DEFAULT_FRAME_TARGET_NANOS;
        private long hitchThresholdNanos = DEFAULT_HITCH_THRESHOLD_NANOS;
        private int maxIndexedFrames = DEFAULT_MAX_INDEXED_FRAMES;

        private Builder(Optional<BudgetMap> budgetMap) {
            this.budgetMap = budgetMap;
        }

        public Builder otherBudget(String budget) {
            this.otherBudget = Optional.ofNullable(budget);
            return this;
        }

        public Builder threadMode(ThreadMode mode) {
            this.threadMode = mode;
            return this;
        }

        public Builder topN(int n) {
            this.topN = n;
            return this;
        }

        public Builder binWidthNanos(long nanos) {
            this.binWidthNanos = nanos;
            return this;
        }

        public Builder targets(Map<String, Long> targets) {
            this.targetNanos = targets;
            return this;
        }

        public Builder frameTargetNanos(long nanos) {
            this.frameTargetNanos = nanos;
            return this;
        }

        public Builder hitchThresholdNanos(long nanos) {
            this.hitchThresholdNanos = nanos;
            return this;
        }

        public Builder maxIndexedFrames(int frames) {
            this.maxIndexedFrames = frames;
            return this;
        }

        public ReportOptions build() {
            return new ReportOptions(budgetMap, otherBudget, threadMode, topN, binWidthNanos, targetNanos, frameTargetNanos,
                    hitchThresholdNanos, maxIndexedFrames);
        }
    }

    @Override
    public String toString() {
        return "ReportOptions{grouping=" + budgetMap.map(m -> "budgets " + m.budgetNames()).orElse("span name")
                + ", otherBudget=" + otherBudget.orElse(null) + ", threadMode=" + threadMode + ", topN=" + topN
                + ", binWidthNanos=" + binWidthNanos + ", targetNanos=" + targetNanos + ", frameTargetNanos=" + frameTargetNanos
                + ", hitchThresholdNanos=" + hitchThresholdNanos + ", maxIndexedFrames=" + maxIndexedFrames + "}";
    }
}
