package framebudgets.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetMapTest {

    private final BudgetMap map = BudgetMap.of(Map.of(
            "Render", List.of("FRenderer::Render", "FRDG*"),
            "Game", List.of("Tick Time", "*_C", "FRDG::GameSide"),
            "AI", List.of("BT Tick", "*Perception?")));

    @Test
    void exactNamesMatchAsciiCaseInsensitively() {
        assertEquals("Render", map.budgetOf("FRenderer::Render"));
        assertEquals("Render", map.budgetOf("frenderer::render"));
        assertEquals("Game", map.budgetOf("TICK TIME"));
        assertNull(map.budgetOf("Tick Time "), "no trimming");
        assertNull(map.budgetOf("Unmapped"));
        assertNull(map.budgetOf(null));
    }

    @Test
    void caseFoldingIsAsciiOnlyLikeMicromegas() {
        BudgetMap umlaut = BudgetMap.of(Map.of("UI", List.of("Ärger", "Ö*")));
        assertEquals("UI", umlaut.budgetOf("äRGER".replace('ä', 'Ä')));
        assertNull(umlaut.budgetOf("ärger"), "Ä and ä differ under ASCII folding");
        assertNull(umlaut.budgetOf("ö1"));
        assertEquals("UI", umlaut.budgetOf("Ö1"));
    }

    @Test
    void globsMatchWholeNamesCaseInsensitively() {
        assertEquals("Render", map.budgetOf("FRDG::Execute"));
        assertEquals("Render", map.budgetOf("frdg"), "* matches the empty string");
        assertNull(map.budgetOf("xFRDG"), "globs are anchored");
        assertEquals("Game", map.budgetOf("BP_Hero_c"));
        assertEquals("AI", map.budgetOf("AIPerceptionX"));
        assertNull(map.budgetOf("AIPerception"), "? needs exactly one character");
        assertNull(map.budgetOf("AIPerceptionXY"));
    }

    @Test
    void regexMetacharactersInPatternsAreLiteral() {
        BudgetMap literal = BudgetMap.of(Map.of("X", List.of("Pass(1)+[a]*", "a.b")));
        assertEquals("X", literal.budgetOf("Pass(1)+[a] and more"));
        assertNull(literal.budgetOf("Pass1+a"));
        assertEquals("X", literal.budgetOf("A.B"));
        assertNull(literal.budgetOf("aXb"));
    }

    @Test
    void exactNameBeatsGlobOfAnotherBudget() {
        assertEquals("Game", map.budgetOf("FRDG::GameSide"));
        assertEquals("Game", map.budgetOf("frdg::gameside"));
    }

    @Test
    void nameInTwoBudgetsIsRejectedNamingBothBudgetsAndTheName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BudgetMap.of(Map.of(
                "Render", List.of("FRenderer::Render"),
                "Game", List.of("frenderer::RENDER"))));
        assertTrue(e.getMessage().contains("Game") && e.getMessage().contains("Render"), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("frenderer::render"), e.getMessage());
    }

    @Test
    void sameGlobInTwoBudgetsIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BudgetMap.of(Map.of(
                "A", List.of("Net*"), "B", List.of("NET*"))));
        assertTrue(e.getMessage().contains("glob") && e.getMessage().contains(" A ") && e.getMessage().contains(" B "), e.getMessage());
    }

    @Test
    void repeatingANameInOneBudgetIsHarmless() {
        BudgetMap repeated = BudgetMap.of(Map.of("A", List.of("x", "X", "y*", "Y*")));
        assertEquals("A", repeated.budgetOf("x"));
        assertEquals("A", repeated.budgetOf("yes"));
    }

    @Test
    void twoGlobsOfDifferentBudgetsMatchingOneNameFailWhenSeenNamingEverything() {
        BudgetMap overlapping = BudgetMap.of(Map.of("Net", List.of("Net*"), "Tick", List.of("*Tick*"), "Both", List.of("NetTickExact")));
        assertEquals("Net", overlapping.budgetOf("NetSend"));
        assertEquals("Tick", overlapping.budgetOf("GameTick"));
        assertEquals("Both", overlapping.budgetOf("NetTickExact"), "an exact entry settles the conflict");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> overlapping.budgetOf("NetTick"));
        assertEquals("budgets: span name 'NetTick' matches glob '*Tick*' of budget Tick and glob 'Net*' of budget Net;"
                + " make one glob narrower or list the name exactly in one budget (exact names beat globs)", e.getMessage());
    }

    @Test
    void rememberedAnswersAreTheSameAndAConflictFailsEveryTime() {
        BudgetMap overlapping = BudgetMap.of(Map.of("Net", List.of("Net*"), "Tick", List.of("*Tick*")));
        for (int i = 0; i < 3; i++) {
            assertEquals("Net", overlapping.budgetOf("NetSend"));
            assertEquals("Net", overlapping.budgetOf("netsend"));
            assertNull(overlapping.budgetOf("Unmapped"));
            assertThrows(IllegalStateException.class, () -> overlapping.budgetOf("NetTick"));
        }
    }

    @Test
    void overlappingGlobsOfOneBudgetAreFine() {
        BudgetMap same = BudgetMap.of(Map.of("Net", List.of("Net*", "*Send")));
        assertEquals("Net", same.budgetOf("NetSend"));
    }

    @Test
    void badConfigurationIsRejectedNamingTheBudget() {
        assertThrows(IllegalArgumentException.class, () -> BudgetMap.of(Map.of()));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> BudgetMap.of(Map.of("Render", List.of())));
        assertEquals("budgets.Render: lists no span name", empty.getMessage());
        IllegalArgumentException blankName = assertThrows(IllegalArgumentException.class, () -> BudgetMap.of(Map.of("Render", List.of(""))));
        assertEquals("budgets.Render: contains an empty span name", blankName.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BudgetMap.of(Map.of(" ", List.of("x"))));
    }

    @Test
    void budgetNamesAreSorted() {
        assertEquals(List.of("AI", "Game", "Render"), map.budgetNames());
    }

    @Test
    void survivesJavaSerializationAsSparkBroadcastsIt() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(map);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            BudgetMap copy = (BudgetMap) in.readObject();
            assertEquals("Render", copy.budgetOf("frdg::x"));
            assertEquals("Game", copy.budgetOf("tick time"));
        }
    }
}
