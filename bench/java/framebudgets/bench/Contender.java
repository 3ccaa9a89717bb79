package framebudgets.bench;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
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

    /** What a run computed: the rows it read, and the value other contenders must match (a record, or null). */
    record Answer(long rows, Record value) {

        /** Names of what differs from {@code other}: "rows", or the value's record components. */
        List<String> differencesFrom(Answer other) {
            List<String> differences = new ArrayList<>();
            if (rows != other.rows) {
                differences.add("rows");
            }
            if (value != null && other.value != null && value.getClass() == other.value.getClass()) {
                for (RecordComponent component : value.getClass().getRecordComponents()) {
                    if (!Objects.equals(read(component, value), read(component, other.value))) {
                        differences.add(component.getName());
                    }
                }
            } else if (!Objects.equals(value, other.value)) {
                differences.add("value");
            }
            return differences;
        }

        private static Object read(RecordComponent component, Record record) {
            try {
                return component.getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + component.getName(), e);
            }
        }
    }

    Contender {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(work, "work");
    }
}
