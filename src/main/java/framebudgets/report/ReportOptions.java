package framebudgets.report;

import java.util.Objects;
import java.util.Optional;

/**
 * How to compute a frame-budget report: group spans by budget (with a {@link BudgetMap}) or by span
 * name, what to do with unmapped spans, which threads count, how many top offenders to keep, and the
 * time-bin width of the range join (a performance knob only: results never depend on it).
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

    private final BudgetMap budgetMap;
    private final String otherBudget;
    private final ThreadMode threadMode;
    private final int topN;
    private final long binWidthNanos;

    private ReportOptions(BudgetMap budgetMap, String otherBudget, ThreadMode threadMode, int topN, long binWidthNanos) {
        this.budgetMap = budgetMap;
        this.otherBudget = otherBudget;
        this.threadMode = threadMode;
        this.topN = topN;
        this.binWidthNanos = binWidthNanos;
    }

    /** Spans grouped by the budget their name maps to; unmapped spans are dropped. */
    public static ReportOptions byBudget(BudgetMap budgetMap) {
        return new ReportOptions(Objects.requireNonNull(budgetMap, "budgetMap"), null,
                ThreadMode.MAIN_THREAD, DEFAULT_TOP_N, DEFAULT_BIN_WIDTH_NANOS);
    }

    /** Spans grouped by their exact (case-sensitive) name: the budget column holds the span name. */
    public static ReportOptions bySpanName() {
        return new ReportOptions(null, null, ThreadMode.MAIN_THREAD, DEFAULT_TOP_N, DEFAULT_BIN_WIDTH_NANOS);
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
        return new ReportOptions(budgetMap, budget, threadMode, topN, binWidthNanos);
    }

    public ReportOptions withThreadMode(ThreadMode mode) {
        return new ReportOptions(budgetMap, otherBudget, Objects.requireNonNull(mode, "threadMode"), topN, binWidthNanos);
    }

    /** The number of worst frames kept per budget; at least 1. */
    public ReportOptions withTopN(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("topN: must be at least 1, got " + n);
        }
        return new ReportOptions(budgetMap, otherBudget, threadMode, n, binWidthNanos);
    }

    /** The time-bin width of the range join, in nanoseconds; at least 1. */
    public ReportOptions withBinWidthNanos(long nanos) {
        if (nanos < 1) {
            throw new IllegalArgumentException("binWidthNanos: must be at least 1 ns, got " + nanos);
        }
        return new ReportOptions(budgetMap, otherBudget, threadMode, topN, nanos);
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

    @Override
    public String toString() {
        return "ReportOptions{grouping=" + (budgetMap == null ? "span name" : "budgets " + budgetMap.budgetNames())
                + ", otherBudget=" + otherBudget + ", threadMode=" + threadMode + ", topN=" + topN
                + ", binWidthNanos=" + binWidthNanos + "}";
    }
}
