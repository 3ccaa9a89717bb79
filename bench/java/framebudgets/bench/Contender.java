package framebudgets.bench;

import java.util.Objects;

/**
 * One way of doing a benchmark's work. Each run returns what it computed, so the trial can check
 * that every contender returns the same answer: a contender that reads less is not faster.
 *
 * @param label  what it is, as the results table shows it
 * @param work   one complete run
 */
record Contender(String label, Work work) {

    /** One complete run; returns its answer (rows, totals) to compare across contenders. */
    @FunctionalInterface
    interface Work {
        Answer run() throws Exception;
    }

    /** What a run computed: the rows it read, and the value other contenders must match (may be null). */
    record Answer(long rows, Object value) {}

    Contender {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(work, "work");
    }
}
