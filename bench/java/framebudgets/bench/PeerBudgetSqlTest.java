package framebudgets.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.report.BudgetMap;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The peer benchmark's name-to-budget table, built in DuckDB SQL from the rules, must give every
 * span name the budget {@link BudgetMap} gives it (the job's oracle-tested map), on names that
 * trip naive translations: case (ASCII-only folding), LIKE's own wildcards and escape character
 * in names and patterns, {@code ?} against one character (also a non-ASCII one), empty matches of
 * {@code *}, exact rules beating globs; and it must flag the names two budgets' globs match.
 */
class PeerBudgetSqlTest {

    private static final Map<String, List<String>> RULES = Map.of(
            "Render", List.of("FRenderer::Render", "FRDG*", "100%_done"),
            "Game", List.of("Tick Time", "*_C", "FRDG::GameSide", "a\\b*"),
            "AI", List.of("BT Tick", "*Perception?", "Ärger"),
            "UI", List.of("Ö*", "x?y", "Pass(1)+[a]*"));

    private static final List<String> NAMES = List.of("FRenderer::Render", "frenderer::render", "FRDG::Execute", "frdg",
            "xFRDG", "FRDG::GameSide", "frdg::gameside", "BP_Hero_c", "BPxHero_C", "_C", "100%_done", "100%_DONE",
            "100x_done", "1000_done", "100%xdone", "a\\b", "A\\Bcd", "a\\\\b", "ab", "AIPerceptionX", "AIPerception",
            "AIPerceptionXY", "AIPerceptionÄ", "Ärger", "äRGER", "ärger", "ÄRGER", "Ö1", "ö1", "xzy", "XÄY", "xy", "xzzy",
            "Pass(1)+[a] and more", "Pass1+a", "Tick Time", "Tick Time ", "tick time", "Unmapped", "", "line\nbreak_C");

    @Test
    void everyNameGetsTheBudgetMapsBudget() throws SQLException {
        BudgetMap map = BudgetMap.of(RULES);
        Map<String, String> sql = budgetsInSql(RULES, NAMES);
        List<String> wrong = new ArrayList<>();
        for (String name : NAMES) {
            if (!java.util.Objects.equals(map.budgetOf(name), sql.get(name))) {
                wrong.add("'" + name + "': SQL " + sql.get(name) + ", BudgetMap " + map.budgetOf(name));
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals("Render", sql.get("100%_done"), "a sanity check that the test reads the table");
    }

    @Test
    void namesTwoBudgetsGlobsMatchAreConflictsUnlessAnExactRuleSettlesThem() throws SQLException {
        Map<String, List<String>> rules = Map.of("A", List.of("FRDG*", "Settled"), "B", List.of("*Execute", "Sett*"));
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duck.createStatement()) {
            fill(duck, rules, List.of("FRDG::Execute", "FRDG::Other", "Settled", "Unmapped"));
            statement.execute(PeerReportSql.budgetOfName(""));
            List<String> conflicts = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery(PeerReportSql.conflicts())) {
                while (rs.next()) {
                    conflicts.add(rs.getString(1));
                }
            }
            assertEquals(List.of("FRDG::Execute"), conflicts);
        }
        BudgetMap map = BudgetMap.of(rules);
        assertEquals("A", map.budgetOf("Settled"));
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> map.budgetOf("FRDG::Execute")).getMessage().contains("FRDG::Execute"));
    }

    @Test
    void theOtherBudgetTakesUnmappedNames() throws SQLException {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duck.createStatement()) {
            fill(duck, RULES, List.of("Unmapped", "Tick Time"));
            statement.execute(PeerReportSql.budgetOfName("Other's"));
            Map<String, String> budgets = read(statement);
            assertEquals(Map.of("Unmapped", "Other's", "Tick Time", "Game"), budgets);
        }
    }

    private static Map<String, String> budgetsInSql(Map<String, List<String>> rules, List<String> names) throws SQLException {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duck.createStatement()) {
            fill(duck, rules, names);
            statement.execute(PeerReportSql.budgetOfName(""));
            return read(statement);
        }
    }

    private static Map<String, String> read(Statement statement) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (ResultSet rs = statement.executeQuery("SELECT name, budget FROM peer_budget_of_name")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    private static void fill(Connection duck, Map<String, List<String>> rules, List<String> names) throws SQLException {
        try (Statement statement = duck.createStatement()) {
            statement.execute("CREATE TABLE mm_scopes (scope_id INTEGER, name VARCHAR)");
            for (String sql : PeerReportSql.setup()) {
                statement.execute(sql);
            }
        }
        try (PreparedStatement scope = duck.prepareStatement("INSERT INTO mm_scopes VALUES (?, ?)");
             PreparedStatement rule = duck.prepareStatement("INSERT INTO peer_budget_rule VALUES (?, ?)")) {
            for (int i = 0; i < names.size(); i++) {
                scope.setInt(1, i);
                scope.setString(2, names.get(i));
                scope.executeUpdate();
            }
            for (Map.Entry<String, List<String>> budget : rules.entrySet()) {
                for (String pattern : budget.getValue()) {
                    rule.setString(1, budget.getKey());
                    rule.setString(2, pattern);
                    rule.executeUpdate();
                }
            }
        }
    }
}
