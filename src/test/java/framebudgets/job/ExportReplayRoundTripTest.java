package framebudgets.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import framebudgets.config.ReportSettings;
import framebudgets.config.ReportWindow;
import framebudgets.config.SettingsLoader;
import framebudgets.standin.StandinDatabase;
import framebudgets.standin.StandinMain;
import framebudgets.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code standin.sh --export-from URI --from .. --to .. DIR} pulls a window over Flight SQL from a
 * server speaking the newest micromegas surface (JSONB properties), and replaying DIR gives the same
 * report: every Delta table equal to the one written from the original server.
 */
class ExportReplayRoundTripTest {
    private static final String FROM = "2025-07-24T11:00:00Z";
    private static final String TO = "2025-07-24T13:00:00Z";

    @TempDir
    Path temp;

    @Test
    void exportThenReplayGivesTheSameReport() throws Exception {
        Path exported = temp.resolve("export");
        try (StandinMain.Running original = StandinMain.launch(new String[] {"--port", "0", "--processes", "2",
                "--minutes", "0.25", "--workers", "1", "--spans-per-frame", "80", "--edge-cases"}, Map.of())) {
            report(original.server().uri().toString(), temp.resolve("original"));
            // The job reads one minute past the window's end (frames crossing it): export that margin too.
            StandinMain.exportWith(new String[] {"--export-from", original.server().uri().toString(), "--from", FROM,
                    "--to", "2025-07-24T13:01:00Z", exported.toString()}, Map.of());
        }
        try (StandinDatabase scratch = StandinDatabase.inMemory(); Connection connection = scratch.newConnection();
                Statement statement = connection.createStatement();
                ResultSet type = statement.executeQuery("SELECT typeof(properties), count(*) FROM read_parquet('"
                        + exported.resolve("processes.parquet") + "') GROUP BY ALL")) {
            assertTrue(type.next());
            assertEquals("BLOB", type.getString(1), "the export keeps the server's JSONB properties");
            assertEquals(4, type.getLong(2), "2 game processes and 2 edge-case processes");
        }
        try (StandinMain.Running replay = StandinMain.launch(new String[] {"--port", "0", "--replay", exported.toString()},
                Map.of())) {
            report(replay.server().uri().toString(), temp.resolve("replayed"));
        }
        TableComparison.assertSameTables(SharedSpark.get(), temp.resolve("original"), temp.resolve("replayed"));
        assertTrue(TableComparison.rows(SharedSpark.get(), temp.resolve("original/frames_by_process")).size() >= 2,
                "the report has frames");
    }

    private void report(String uri, Path root) throws Exception {
        Map<String, Object> fb = new LinkedHashMap<>();
        fb.put("source", Map.of("uri", uri, "token-env", ""));
        fb.put("window", Map.of("from", FROM, "to", TO));
        fb.put("threads", "all-threads");
        fb.put("group-by", "span-name");
        fb.put("output", Map.of("root", root.toString(), "html-report", false));
        Path file = temp.resolve(root.getFileName() + ".conf");
        Files.writeString(file, ConfigValueFactory.fromMap(Map.of("framebudgets", fb))
                .render(ConfigRenderOptions.defaults().setOriginComments(false)));
        ReportSettings settings = SettingsLoader.load(file);
        ReportWindow window = ReportWindow.resolve(settings.window(), null, null, null, Clock.systemUTC());
        RunResult result = new ReportRun(SharedSpark.get(), settings, window, "round-trip-" + root.getFileName()).run();
        assertEquals("ok", result.status());
        assertTrue(result.frames() > 0);
    }
}
