package framebudgets.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The timed repetitions of one contender: its answer, the wall time of each run and, when the
 * contender ran in a JVM of its own, that JVM's peak resident memory (0 otherwise).
 */
record Measurement(Contender contender, Contender.Answer answer, List<Long> nanos, long peakRssBytes) {

    Measurement {
        nanos = List.copyOf(nanos);
    }

    Measurement(Contender contender, Contender.Answer answer, List<Long> nanos) {
        this(contender, answer, nanos, 0);
    }

    long rows() {
        return answer.rows();
    }

    /** Median run time in seconds (mean of the middle two for an even count). */
    double medianSeconds() {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        return median / 1e9;
    }

    double millionRowsPerSecond() {
        return rows() / medianSeconds() / 1e6;
    }

    /** How many times faster than {@code baseline}: the ratio of median times (see {@link #differencesFrom} for same rows). */
    double speedupOver(Measurement baseline) {
        return baseline.medianSeconds() / medianSeconds();
    }

    List<String> differencesFrom(Measurement other) {
        return answer.differencesFrom(other.answer);
    }
}
