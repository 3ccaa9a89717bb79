package framebudgets.bench;

import framebudgets.config.ReportSettings;
import framebudgets.config.ReportWindow;
import framebudgets.config.SettingsLoader;
import framebudgets.standin.StandinDatabase;
import framebudgets.standin.StandinServer;
import framebudgets.standin.telemetry.GeneratorSettings;
import framebudgets.standin.telemetry.TelemetryGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Synthetic telemetry of a given shape (processes × minutes) in micromegas' schema, served by the
 * stand-in, for the benchmarks that run the whole report: the job reads it exactly as it reads
 * micromegas (process and thread discovery, one {@code view_instance('thread_spans', id)} query
 * per stream). The report window is the generator's day; settings come from
 * {@code conf/budgets-unreal.conf} plus the given thread mode, with Delta output under a folder of
 * its own that is deleted on close.
 */
final class ReportData implements AutoCloseable {

    static final LocalDate DAY = LocalDate.of(2025, 7, 24);
    static final int FPS = 60;
    static final int SPANS_PER_FRAME = 1000;
    /** Spans the generator makes per process-minute at {@link #FPS} and {@link #SPANS_PER_FRAME} (measured). */
    static final double SPANS_PER_PROCESS_MINUTE = 0.87 * FPS * 60 * SPANS_PER_FRAME;

    private final Path directory;
    private final StandinDatabase database;
    private final StandinServer server;
    private final TelemetryGenerator.Summary summary;
    private final Duration generation;

    private ReportData(Path directory, StandinDatabase database, StandinServer server, TelemetryGenerator.Summary summary,
                       Duration generation) {
        this.directory = directory;
        this.database = database;
        this.server = server;
        this.summary = summary;
        this.generation = generation;
    }

    /**
     * Minutes per process that give about {@code spans} spans over {@code processes} processes, in
     * hundredths of a minute (so that benchmarks asking for about the same size share one data set).
     */
    static double minutesFor(long spans, int processes) {
        return Math.max(0.02, Math.round(100 * spans / (SPANS_PER_PROCESS_MINUTE * processes)) / 100.0);
    }

    /** Generates {@code processes} game processes of {@code minutes} each under {@code workRoot} and serves them. */
    static ReportData generate(int processes, double minutes, Path workRoot) throws IOException, SQLException {
        Files.createDirectories(workRoot);
        Path directory = Files.createTempDirectory(workRoot, "report-");
        StandinDatabase database = BenchDatabase.open(directory);
        try {
            Instant start = Instant.now();
            GeneratorSettings settings = GeneratorSettings.defaults().withProcesses(processes).withMinutes(minutes)
                    .withFps(FPS).withSpansPerFrame(SPANS_PER_FRAME).withWorkers(4);
            TelemetryGenerator.Summary summary;
            try (Connection connection = database.newConnection()) {
                summary = TelemetryGenerator.generate(settings, connection);
            }
            database.execute("CHECKPOINT");
            StandinServer server = StandinServer.builder(database).start();
            return new ReportData(directory, database, server, summary, Duration.between(start, Instant.now()));
        } catch (IOException | SQLException | RuntimeException e) {
            database.close();
            deleteTree(directory);
            throw e;
        }
    }

    /** Spans generated, all threads. */
    long spans() {
        return summary.spans();
    }

    int processes() {
        return summary.processes().size();
    }

    Duration generation() {
        return generation;
    }

    StandinServer server() {
        return server;
    }

    /** The DuckDB database the stand-in serves (the peer benchmark queries it directly). */
    StandinDatabase database() {
        return database;
    }

    ReportWindow window() {
        return new ReportWindow(DAY.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
                DAY.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), DAY);
    }

    /** The job's settings for this data: Unreal budgets, {@code threads} mode, output under {@code output}. */
    ReportSettings settings(String threads, Path output) throws IOException {
        Path budgets = Path.of("conf", "budgets-unreal.conf").toAbsolutePath();
        Path conf = Files.createTempFile(directory, "report", ".conf");
        Files.writeString(conf, configText(server.uri().toString(), budgets, threads, output));
        return SettingsLoader.load(conf);
    }

    /** A config file's text for the job against this data (also used by the memory benchmark's child JVM). */
    static String configText(String uri, Path budgets, String threads, Path output) {
        return "include file(\"" + budgets + "\")\n"
                + "framebudgets {\n"
                + "  source { uri = \"" + uri + "\", token-env = \"\" }\n"
                + "  window.date = \"" + DAY + "\"\n"
                + "  threads = \"" + threads + "\"\n"
                + "  output { root = \"" + output.toAbsolutePath() + "\", frame-stats = true }\n"
                + "}\n";
    }

    Path directory() {
        return directory;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            database.close();
            deleteTree(directory);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
