package framebudgets.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import framebudgets.config.ReportSettings;
import framebudgets.config.ReportWindow;
import framebudgets.config.SettingsLoader;
import framebudgets.micromegas.TelemetryReader;
import framebudgets.standin.StandinDatabase;
import framebudgets.standin.StandinServer;
import framebudgets.standin.telemetry.ProcessInfo;
import framebudgets.standin.telemetry.Property;
import framebudgets.standin.telemetry.StreamInfo;
import framebudgets.standin.telemetry.TelemetryWriter;
import framebudgets.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against the newest micromegas surface, a process whose thread stream the maintenance daemon has
 * not materialized yet (its blocks show, thread_spans answers "Stream not found") is skipped with
 * that reason: the run stays ok, the other process is reported, nothing of the late one is written.
 * Also checks the job names itself with {@code x-client-type}.
 */
class NotMaterializedRunTest {
    private static final long MS = 1_000_000L;
    private static final UUID EARLY = UUID.fromString("00000000-0000-4000-8000-00000000e001");
    private static final UUID EARLY_STREAM = UUID.fromString("00000000-0000-4000-8000-00000000e0a1");
    private static final UUID LATE = UUID.fromString("00000000-0000-4000-8000-00000000f001");
    private static final UUID LATE_STREAM = UUID.fromString("00000000-0000-4000-8000-00000000f0a1");

    @TempDir
    Path temp;

    @Test
    void aProcessNotMaterializedYetIsSkippedWithTheReasonNotFailed() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long early = nanos(now.minus(Duration.ofHours(3)));
        long late = nanos(now.minus(Duration.ofMinutes(5)));
        try (StandinDatabase database = StandinDatabase.inMemory()) {
            try (Connection connection = database.newConnection(); TelemetryWriter writer = TelemetryWriter.open(connection)) {
                game(writer, EARLY, EARLY_STREAM, early);
                game(writer, LATE, LATE_STREAM, late);
            }
            try (StandinServer server = StandinServer.builder(database).strict(true)
                    .materializationLag(Duration.ofMinutes(30)).start()) {
                Map<String, Object> fb = new LinkedHashMap<>();
                fb.put("source", Map.of("uri", server.uri().toString(), "token-env", ""));
                fb.put("window", Map.of("from", now.minus(Duration.ofHours(4)).toString(), "to", now.toString()));
                fb.put("processes", Map.of("exe", List.of("Game.exe")));
                fb.put("frames", Map.of("span-name", "FEngineLoop::Tick", "main-thread", "GameThread"));
                fb.put("group-by", "span-name");
                fb.put("output", Map.of("root", temp.resolve("out").toString(), "html-report", false));
                Path file = temp.resolve("report.conf");
                Files.writeString(file, ConfigValueFactory.fromMap(Map.of("framebudgets", fb))
                        .render(ConfigRenderOptions.defaults().setOriginComments(false)));
                ReportSettings settings = SettingsLoader.load(file);
                ReportWindow window = ReportWindow.resolve(settings.window(), null, null, null, Clock.systemUTC());

                RunResult result = new ReportRun(SharedSpark.get(), settings, window, "late-data").run();

                assertEquals("ok", result.status(), "late data is not a failure");
                assertEquals(List.of(), result.failures());
                assertEquals(2, result.processesAttempted());
                assertEquals(1, result.processesReported());
                assertEquals(1, result.skipped().size());
                assertEquals(LATE.toString(), result.skipped().get(0).processId());
                String reason = result.skipped().get(0).reason();
                assertTrue(reason.contains("not materialized yet") && reason.contains("Stream not found")
                        && reason.contains(LATE_STREAM.toString()), reason);
                assertEquals(3L, result.frames(), "only the early process's frames");
                List<Row> byProcess = SharedSpark.get().read().format("delta").load(settings.output().location("frames_by_process"))
                        .select("process_id").collectAsList();
                assertEquals(List.of(EARLY.toString()), byProcess.stream().map(r -> r.getString(0)).toList());
                assertTrue(server.receivedQueries().stream().allMatch(q ->
                        TelemetryReader.CLIENT_TYPE.equals(q.headers().get("x-client-type"))), "the job names itself");
            }
        }
    }

    /** A Game.exe process with a GameThread of three 16 ms frames holding one child span each. */
    private static void game(TelemetryWriter writer, UUID process, UUID stream, long start) throws Exception {
        ProcessInfo info = new ProcessInfo(process, "Game.exe", "alice", "Alice", "PC", "Windows 11", "Ryzen",
                1_000_000_000L, start, 0, start + 10 * MS, "", List.of(Property.of("build-version", "CL-1")));
        writer.addProcess(info);
        writer.addStream(StreamInfo.cpuThread(stream, process, "GameThread", 1, start + 20 * MS));
        writer.addBlockRun(info, stream, 0, 6, start, start + 1000 * MS);
        for (int f = 0; f < 3; f++) {
            long begin = start + 100 * MS + f * 16 * MS;
            writer.addSpan(stream, 2L * f, -1, 1, begin, begin + 16 * MS, "FEngineLoop::Tick", "", "", 0);
            writer.addSpan(stream, 2L * f + 1, 2L * f, 2, begin + MS, begin + 5 * MS, "TG_EndPhysics", "", "", 0);
        }
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
