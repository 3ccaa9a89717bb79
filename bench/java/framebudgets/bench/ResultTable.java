package framebudgets.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The suite's one table: a line per contender (baselines say so), an extra line per further
 * comparison of the same contender. Rendered as aligned text for the terminal and as markdown
 * for target/bench/results.md.
 */
final class ResultTable {

    private static final List<String> HEADER =
            List.of("benchmark", "contender", "rows", "median s", "Mrows/s", "ratio", "target", "result");

    private final List<List<String>> lines = new ArrayList<>();

    ResultTable(List<ResultRow> rows) {
        for (ResultRow row : rows) {
            Measurement m = row.measurement();
            List<String> measured = List.of(row.benchmark(), m.contender().label(), String.format(Locale.ROOT, "%,d", m.rows()),
                    String.format(Locale.ROOT, "%.3f", m.medianSeconds()),
                    String.format(Locale.ROOT, "%.1f", m.millionRowsPerSecond()));
            if (row.comparisons().isEmpty()) {
                lines.add(concat(measured, List.of("baseline", "", "")));
            }
            List<String> blank = List.of("", "", "", "", "");
            for (int i = 0; i < row.comparisons().size(); i++) {
                Comparison c = row.comparisons().get(i);
                lines.add(concat(i == 0 ? measured : blank, List.of(c.ratioText(m), c.targetText(), c.verdict(m))));
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    String text() {
        int[] widths = new int[HEADER.size()];
        for (List<String> line : withHeader()) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> line : withHeader()) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                boolean numeric = i >= 2 && i <= 4;
                String cell = line.get(i);
                String pad = " ".repeat(widths[i] - cell.length());
                text.append(numeric ? pad + cell : cell + pad).append("  ");
            }
            out.append(text.toString().stripTrailing()).append('\n');
            if (line == HEADER) {
                out.append("-".repeat(text.toString().stripTrailing().length())).append('\n');
            }
        }
        return out.toString();
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
        out.append("|---|---|--:|--:|--:|---|---|---|\n");
        for (List<String> line : lines) {
            out.append("| ").append(String.join(" | ", line.stream().map(c -> c.replace("|", "\\|")).toList()))
                    .append(" |\n");
        }
        return out.toString();
    }

    private List<List<String>> withHeader() {
        List<List<String>> all = new ArrayList<>();
        all.add(HEADER);
        all.addAll(lines);
        return all;
    }
}
