package framebudgets.bench;

import java.util.List;

/** What one benchmark contributes to the suite's output: its table rows and notes on how it measured. */
record BenchmarkReport(List<ResultRow> rows, List<String> notes) {

    BenchmarkReport {
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }
}
