package framebudgets.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.report.ThreadMode;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
    @TempDir
    Path dir;

    private Path conf(String text) throws IOException {
        Path file = dir.resolve("application.conf");
        Files.writeString(file, text);
        return file;
    }

    private static final String BUDGETS = "framebudgets.budgets { Render = [\"FRenderer::Render\", \"FRDG*\"], \"Scripting/Blueprint\" = \"Blueprint Time\" }\n";

    @Test
    void fileOverridesDefaults() throws IOException {
        ReportSettings s = SettingsLoader.load(conf(BUDGETS
                + "framebudgets { source.uri = \"grpc+tls://analytics.example.com:443\"\n threads = all-threads\n top-offenders = 10\n"
                + " processes.exe = [\"Game.exe\"]\n source.headers { \"x-client-type\" = frame-budgets } }\n"));
        assertEquals("grpc+tls://analytics.example.com:443", s.source().uri());
        assertEquals(ThreadMode.ALL_THREADS, s.threads());
        assertEquals(GroupBy.BUDGET, s.groupBy());
        assertEquals(10, s.topOffenders());
        assertEquals(List.of("Game.exe"), s.processes().exe());
        assertEquals(List.of("FRenderer::Render", "FRDG*"), s.budgets().get("Render"));
        assertEquals(List.of("Blueprint Time"), s.budgets().get("Scripting/Blueprint"));
        assertEquals("frame-budgets", s.source().headers().get("x-client-type"));
        assertEquals("FEngineLoop::Tick", s.frames().spanName());
        assertEquals("frame-budgets-output/top_offenders", s.output().location(s.output().topOffenders()));
    }

    @Test
    void systemPropertiesOverrideTheFile() throws IOException {
        System.setProperty("framebudgets.top-offenders", "7");
        ConfigFactory.invalidateCaches();
        try {
            ReportSettings s = SettingsLoader.load(conf(BUDGETS + "framebudgets.top-offenders = 10\n"));
            assertEquals(7, s.topOffenders());
        } finally {
            System.clearProperty("framebudgets.top-offenders");
            ConfigFactory.invalidateCaches();
        }
    }

    @Test
    void unknownKeysAreReportedWithASuggestion() throws IOException {
        Path file = conf(BUDGETS + "framebudgets { top-ofenders = 10\n frames.spanname = x }\n");
        SettingsException e = assertThrows(SettingsException.class, () -> SettingsLoader.load(file));
        assertTrue(e.getMessage().contains("framebudgets.top-ofenders (did you mean framebudgets.top-offenders?)"), e.getMessage());
        assertTrue(e.getMessage().contains("framebudgets.frames.spanname"), e.getMessage());
    }

    @Test
    void wrongTypesNameTheKey() throws IOException {
        Path file = conf(BUDGETS + "framebudgets.top-offenders = lots\n");
        SettingsException e = assertThrows(SettingsException.class, () -> SettingsLoader.load(file));
        assertTrue(e.getMessage().contains("top-offenders"), e.getMessage());
        Path list = conf("framebudgets.budgets { Render = [1, {a = b}] }\n");
        e = assertThrows(SettingsException.class, () -> SettingsLoader.load(list));
        assertTrue(e.getMessage().contains("framebudgets.budgets.Render"), e.getMessage());
    }

    @Test
    void badValuesNameTheKey() throws IOException {
        assertKeyInError(BUDGETS + "framebudgets.source.uri = \"http://x:1\"", "framebudgets.source.uri");
        assertKeyInError(BUDGETS + "framebudgets.source.uri = \"grpc://nohostport\"", "framebudgets.source.uri");
        assertKeyInError(BUDGETS + "framebudgets.source.token-file = /nonexistent/token", "framebudgets.source.token-file");
        assertKeyInError(BUDGETS + "framebudgets.window.date = 2026-13-01", "framebudgets.window.date");
        assertKeyInError(BUDGETS + "framebudgets.window { from = \"2026-11-02T00:00:00Z\", to = \"2026-11-01T00:00:00Z\" }", "must be before");
        assertKeyInError(BUDGETS + "framebudgets.window.from = \"2026-11-02T00:00:00Z\"", "from and to must be set together");
        assertKeyInError(BUDGETS + "framebudgets.threads = some", "framebudgets.threads");
        assertKeyInError("framebudgets.group-by = budget", "framebudgets.budgets is empty");
        assertKeyInError("framebudgets.budgets { Render = [] }", "framebudgets.budgets.Render lists no span names");
        assertKeyInError(BUDGETS + "framebudgets.other-budget = Render", "framebudgets.other-budget");
        assertKeyInError(BUDGETS + "framebudgets.top-offenders = 0", "framebudgets.top-offenders");
        assertKeyInError(BUDGETS + "framebudgets.output.tables.run-log = top_offenders", "name the same table");
        assertKeyInError(BUDGETS + "framebudgets.output.tables.run-log = \"../x\"", "framebudgets.output.tables.run-log");
        assertKeyInError(BUDGETS + "framebudgets.processes.property.key = map", "framebudgets.processes.property");
        assertKeyInError(BUDGETS + "framebudgets.processes.build-property = \" build-version\"", "framebudgets.processes.build-property");
        assertKeyInError(BUDGETS + "framebudgets.processes.build-property = \"build\\nversion\"", "framebudgets.processes.build-property");
        assertKeyInError(BUDGETS + "framebudgets.processes.build-property = [build]", "processes.build-property");
    }

    @Test
    void buildPropertyDefaultsToUnrealsAndMayBeTurnedOff() throws IOException {
        assertEquals("build-version", SettingsLoader.load(conf(BUDGETS)).processes().buildProperty());
        assertEquals("", SettingsLoader.load(conf(BUDGETS + "framebudgets.processes.build-property = \"\"")).processes().buildProperty());
        assertEquals("Changelist", SettingsLoader.load(conf(BUDGETS + "framebudgets.processes.build-property = Changelist"))
                .processes().buildProperty());
    }

    @Test
    void spanNameModeNeedsNoBudgets() throws IOException {
        ReportSettings s = SettingsLoader.load(conf("framebudgets.group-by = span-name\n"));
        assertEquals(GroupBy.SPAN_NAME, s.groupBy());
        assertTrue(s.budgets().isEmpty());
    }

    @Test
    void missingFileIsAClearError() {
        SettingsException e = assertThrows(SettingsException.class, () -> SettingsLoader.load(dir.resolve("nope.conf")));
        assertTrue(e.getMessage().contains("nope.conf"), e.getMessage());
    }

    @Test
    void windowDefaultsToYesterdayAndCommandLineWins() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T03:00:00Z"), ZoneOffset.UTC);
        WindowSettings none = new WindowSettings("", "", "");
        ReportWindow w = ReportWindow.resolve(none, null, null, null, clock);
        assertEquals(LocalDate.parse("2026-11-23"), w.reportDate());
        assertEquals(Instant.parse("2026-11-23T00:00:00Z"), w.from());
        assertEquals(Instant.parse("2026-11-24T00:00:00Z"), w.to());

        ReportWindow d = ReportWindow.resolve(new WindowSettings("2026-01-01", "", ""), "2026-02-03", null, null, clock);
        assertEquals(LocalDate.parse("2026-02-03"), d.reportDate());

        ReportWindow r = ReportWindow.resolve(none, null, "2026-11-20T10:00:00+02:00", "2026-11-20T12:00:00.000000001Z", clock);
        assertEquals(Instant.parse("2026-11-20T08:00:00Z"), r.from());
        assertEquals(Instant.parse("2026-11-20T12:00:00.000000001Z"), r.to());

        assertThrows(SettingsException.class, () -> ReportWindow.resolve(none, "2026-01-01", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", clock));
        assertThrows(SettingsException.class, () -> ReportWindow.resolve(none, null, "2026-01-01T00:00:00Z", null, clock));
        SettingsException e = assertThrows(SettingsException.class,
                () -> ReportWindow.resolve(none, null, "2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z", clock));
        assertTrue(e.getMessage().contains("--from"), e.getMessage());
        e = assertThrows(SettingsException.class, () -> ReportWindow.resolve(none, "yesterday", null, null, clock));
        assertTrue(e.getMessage().contains("--date"), e.getMessage());
    }

    @Test
    void targetsAndBaselineAreDurationsAndPercentages() throws IOException {
        ReportSettings s = SettingsLoader.load(conf(BUDGETS + "framebudgets { other-budget = Other\n"
                + " targets { Render = 4ms, \"Scripting/Blueprint\" = 2.5ms, Other = 1 second }\n"
                + " frame-target = 16.6ms, hitch-threshold = 100ms\n"
                + " baseline { date = \"2026-11-01\", regression-threshold = 12.5%, min-change = 50us } }\n"));
        assertEquals(java.time.Duration.ofMillis(4), s.targets().budgets().get("Render"));
        assertEquals(java.time.Duration.ofNanos(2_500_000), s.targets().budgets().get("Scripting/Blueprint"));
        assertEquals(java.time.Duration.ofSeconds(1), s.targets().budgets().get("Other"));
        assertEquals(java.time.Duration.ofNanos(16_600_000), s.targets().frameTarget());
        assertEquals(java.time.Duration.ofMillis(100), s.targets().hitchThreshold());
        assertEquals(java.util.Optional.of(LocalDate.parse("2026-11-01")), s.baseline().date());
        assertEquals(12.5, s.baseline().regressionThresholdPercent());
        assertEquals(java.time.Duration.ofNanos(50_000), s.baseline().minChange());

        ReportSettings defaults = SettingsLoader.load(conf(BUDGETS));
        assertEquals(java.util.Map.of(), defaults.targets().budgets());
        assertEquals(java.time.Duration.ofNanos(16_700_000), defaults.targets().frameTarget());
        assertEquals(java.time.Duration.ofMillis(60), defaults.targets().hitchThreshold());
        assertEquals(java.util.Optional.empty(), defaults.baseline().date());
        assertEquals(10.0, defaults.baseline().regressionThresholdPercent());
        assertTrue(defaults.output().writeHtmlReport());
        assertEquals("frame-budgets-output/report-2026-11-23.html", defaults.output().htmlReportLocation(LocalDate.parse("2026-11-23")));
    }

    @Test
    void badTargetsNameTheKey() throws IOException {
        assertKeyInError(BUDGETS + "framebudgets.targets { Rendering = 4ms }",
                "framebudgets.targets.Rendering: 'Rendering' is not a configured budget (budgets: Render, Scripting/Blueprint)");
        assertKeyInError(BUDGETS + "framebudgets.targets { Render = fast }", "targets.Render");
        assertKeyInError(BUDGETS + "framebudgets.targets { Render = 0ms }", "framebudgets.targets.Render must be a duration > 0");
        assertKeyInError(BUDGETS + "framebudgets.frame-target = -1ms", "framebudgets.frame-target");
        assertKeyInError(BUDGETS + "framebudgets.hitch-threshold = soon", "hitch-threshold");
        assertKeyInError(BUDGETS + "framebudgets.baseline.regression-threshold = lots", "framebudgets.baseline.regression-threshold: 'lots'");
        assertKeyInError(BUDGETS + "framebudgets.baseline.date = yesterday", "framebudgets.baseline.date");
        assertKeyInError(BUDGETS + "framebudgets.baseline.treshold = 5%", "framebudgets.baseline.treshold");
        assertKeyInError(BUDGETS + "framebudgets.output.tables.budget-changes = run_log", "budget-changes");
        ReportSettings byName = SettingsLoader.load(conf("framebudgets { group-by = span-name, targets { \"FRDG::Pass\" = 1ms } }\n"));
        assertEquals(java.time.Duration.ofMillis(1), byName.targets().budgets().get("FRDG::Pass"));
    }

    private void assertKeyInError(String text, String expected) throws IOException {
        Path file = conf(text + "\n");
        SettingsException e = assertThrows(SettingsException.class, () -> SettingsLoader.load(file), text);
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should mention " + expected);
    }
}
