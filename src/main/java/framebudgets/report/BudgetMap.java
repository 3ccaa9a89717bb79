package framebudgets.report;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Which budget a span name belongs to, as configured by performance engineers
 * ({@code budgets { Render = ["FRenderer::Render", "FRDG*"] }}).
 *
 * <p>Matching rules:
 * <ul>
 *   <li>A pattern without {@code *} or {@code ?} is an exact name, matched ASCII-case-insensitively,
 *       like micromegas' {@code property_get} ({@code eq_ignore_ascii_case}).</li>
 *   <li>A pattern with {@code *} (any run of characters, possibly empty) or {@code ?} (exactly one
 *       character) is a glob over the whole name, also ASCII-case-insensitive; every other character
 *       is literal.</li>
 *   <li>An exact name always beats a glob: if {@code "FRDG::Execute"} is listed exactly in budget A,
 *       it belongs to A even when budget B has {@code "FRDG*"}. This is also how to settle a
 *       glob conflict (next rule).</li>
 *   <li>Conflicts are errors, never silently resolved: the same exact name (or the same glob) in two
 *       budgets fails at construction, naming both budgets and the name. Two globs of different
 *       budgets that both match a real span name (and no exact entry settles it) fail when that
 *       name is first looked up, naming the span name, both globs and both budgets. Globs of one
 *       budget may overlap freely.</li>
 * </ul>
 * Instances are immutable and serializable so that Spark can broadcast them to executors. Each copy
 * remembers the answers for the span names it has looked up (up to {@value #REMEMBERED_NAMES} names):
 * a trace repeats a few hundred names millions of times, and most names match no pattern, which
 * otherwise costs a try of every glob per span.
 */
public final class BudgetMap implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int REMEMBERED_NAMES = 100_000;
    /** What {@link #remembered} holds for a name without a budget (budget names are never empty). */
    private static final String NO_BUDGET = "";

    private final Map<String, String> budgetByExactName;
    private final List<Glob> globs;
    private final List<String> budgetNames;
    private transient volatile Map<String, String> remembered;

    private BudgetMap(Map<String, String> budgetByExactName, List<Glob> globs, List<String> budgetNames) {
        this.budgetByExactName = budgetByExactName;
        this.globs = globs;
        this.budgetNames = budgetNames;
    }

    /**
     * Builds the map from budget name to its span-name patterns.
     *
     * @throws IllegalArgumentException naming the budget and pattern at fault: a blank budget name,
     *     a budget without patterns, a blank pattern, or a name/glob listed in two budgets
     */
    public static BudgetMap of(Map<String, List<String>> patternsByBudget) {
        Objects.requireNonNull(patternsByBudget, "patternsByBudget");
        if (patternsByBudget.isEmpty()) {
            throw new IllegalArgumentException("budgets: at least one budget must be configured");
        }
        Map<String, String> budgetByExactName = new HashMap<>();
        Map<String, Glob> globByFoldedPattern = new HashMap<>();
        for (Map.Entry<String, List<String>> entry : new TreeMap<>(patternsByBudget).entrySet()) {
            String budget = entry.getKey();
            if (budget == null || budget.isBlank()) {
                throw new IllegalArgumentException("budgets: a budget name is blank");
            }
            List<String> patterns = entry.getValue();
            if (patterns == null || patterns.isEmpty()) {
                throw new IllegalArgumentException("budgets." + budget + ": lists no span name");
            }
            for (String pattern : patterns) {
                if (pattern == null || pattern.isEmpty()) {
                    throw new IllegalArgumentException("budgets." + budget + ": contains an empty span name");
                }
                String folded = AsciiCase.fold(pattern);
                if (isGlob(pattern)) {
                    Glob previous = globByFoldedPattern.putIfAbsent(folded, new Glob(pattern, budget));
                    if (previous != null && !previous.budget.equals(budget)) {
                        throw duplicate("glob", pattern, previous.budget, budget);
                    }
                } else {
                    String previous = budgetByExactName.putIfAbsent(folded, budget);
                    if (previous != null && !previous.equals(budget)) {
                        throw duplicate("span name", pattern, previous, budget);
                    }
                }
            }
        }
        List<Glob> globs = new ArrayList<>(globByFoldedPattern.values());
        globs.sort((a, b) -> a.pattern.compareTo(b.pattern));
        return new BudgetMap(Map.copyOf(budgetByExactName), List.copyOf(globs),
                List.copyOf(new TreeMap<>(patternsByBudget).keySet()));
    }

    /** The configured budget names, sorted. */
    public List<String> budgetNames() {
        return budgetNames;
    }

    /**
     * The budget of a span name, or {@code null} when no pattern matches it (or the name is null).
     *
     * @throws IllegalStateException when two globs of different budgets match the name
     */
    public String budgetOf(String spanName) {
        if (spanName == null) {
            return null;
        }
        Map<String, String> known = remembered();
        String budget = known.get(spanName);
        if (budget == null) {
            budget = lookUp(spanName);
            if (known.size() < REMEMBERED_NAMES) {
                known.put(spanName, budget == null ? NO_BUDGET : budget);
            }
        }
        return budget == null || budget.isEmpty() ? null : budget;
    }

    private Map<String, String> remembered() {
        Map<String, String> known = remembered;
        if (known == null) {
            known = new ConcurrentHashMap<>();
            remembered = known;
        }
        return known;
    }

    private String lookUp(String spanName) {
        String exact = budgetByExactName.get(AsciiCase.fold(spanName));
        if (exact != null) {
            return exact;
        }
        Glob match = null;
        for (Glob glob : globs) {
            if (glob.matches(spanName)) {
                if (match != null && !match.budget.equals(glob.budget)) {
                    throw new IllegalStateException("budgets: span name '" + spanName + "' matches glob '"
                            + match.pattern + "' of budget " + match.budget + " and glob '" + glob.pattern
                            + "' of budget " + glob.budget
                            + "; make one glob narrower or list the name exactly in one budget (exact names beat globs)");
                }
                match = glob;
            }
        }
        return match == null ? null : match.budget;
    }

    private static boolean isGlob(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }

    private static IllegalArgumentException duplicate(String kind, String pattern, String budgetA, String budgetB) {
        return new IllegalArgumentException("budgets: " + kind + " '" + pattern + "' is listed in two budgets, "
                + budgetA + " and " + budgetB + " (names match case-insensitively); keep it in one");
    }

    /** One glob pattern of one budget, compiled to an anchored, ASCII-case-insensitive regex. */
    private static final class Glob implements Serializable {
        private static final long serialVersionUID = 1L;
        final String pattern;
        final String budget;
        final Pattern regex;

        Glob(String pattern, String budget) {
            this.pattern = pattern;
            this.budget = budget;
            StringBuilder regex = new StringBuilder();
            StringBuilder literal = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                if (c == '*' || c == '?') {
                    if (literal.length() > 0) {
                        regex.append(Pattern.quote(literal.toString()));
                        literal.setLength(0);
                    }
                    regex.append(c == '*' ? ".*" : ".");
                } else {
                    literal.append(c);
                }
            }
            if (literal.length() > 0) {
                regex.append(Pattern.quote(literal.toString()));
            }
            // CASE_INSENSITIVE without UNICODE_CASE folds ASCII letters only, like micromegas.
            this.regex = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
        }

        boolean matches(String spanName) {
            return regex.matcher(spanName).matches();
        }
    }
}
