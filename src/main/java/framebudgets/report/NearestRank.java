package framebudgets.report;

import static org.apache.spark.sql.functions.expr;

import java.math.BigDecimal;
import org.apache.spark.sql.Column;

/**
 * Exact nearest-rank percentiles: the p-th percentile of n values is the value of rank
 * {@code ceil(p/100 * n)} in ascending order (always one of the values, never interpolated). This is
 * Spark's {@code percentile_disc(p) WITHIN GROUP (ORDER BY x)} (the smallest value whose cumulative
 * distribution is at least p), exact and deterministic, unlike {@code approx_percentile}.
 */
final class NearestRank {
    /** The percentiles the report publishes, as {@code p<N>_...} columns. */
    static final int[] PERCENTS = {50, 90, 95, 99};

    private NearestRank() {}

    /** The {@code percent}-th percentile of the bigint {@code column} (one of the report's own columns), as a bigint. */
    static Column of(String column, int percent) {
        String fraction = BigDecimal.valueOf(percent, 2).toPlainString();
        return expr("percentile_disc(" + fraction + ") WITHIN GROUP (ORDER BY " + column + ")").cast("bigint");
    }
}
