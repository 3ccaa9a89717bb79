package framebudgets.bench;

import framebudgets.standin.StandinDatabase;
import framebudgets.standin.StandinServer;
import framebudgets.standin.telemetry.GeneratorSettings;
import framebudgets.standin.telemetry.TelemetryGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The data every benchmark reads: synthetic Unreal telemetry from {@link TelemetryGenerator} in a
 * file-backed DuckDB database (compressed, so ten million spans fit next to the other helpers'
 * JVMs), plus {@value #TABLE}, exactly {@code spans} rows with the columns of micromegas'
 * {@code view_instance('thread_spans', id)} for all streams at once (the first spans by stream
 * and span id, so the same size gives the same rows), served by a
 * {@link StandinServer} on a free loopback port in its default (not strict) mode.
 */
final class SpanData implements AutoCloseable {

    static final String TABLE = "bench_thread_spans";
    /** Every column of thread_spans, in its order; what all contenders read. */
    static final String QUERY = "SELECT id, parent, depth, hash, \"begin\", \"end\", duration, name, target, "
            + "filename, line FROM " + TABLE;
    static final int COLUMNS = 11;

    private static final int PROCESSES = 2;
    private static final int FPS = 60;
    private static final int SPANS_PER_FRAME = 1000;
    /** The generator makes roughly this share of the nominal spans per frame; margin for the exact cut. */
    private static final double SPANS_MARGIN = 1.15;

    private final Path directory;
    private final StandinDatabase database;
    private final StandinServer server;
    private final long spans;
    private final Duration generation;

    private SpanData(Path directory, StandinDatabase database, StandinServer server, long spans, Duration generation) {
        this.directory = directory;
        this.database = database;
        this.server = server;
        this.spans = spans;
        this.generation = generation;
    }

    /** Generates {@code spans} spans under {@code workRoot} and serves them. */
    static SpanData generate(long spans, Path workRoot) throws IOException, SQLException {
        Files.createDirectories(workRoot);
        Path directory = Files.createTempDirectory(workRoot, "spans-");
        StandinDatabase database = BenchDatabase.open(directory);
        try {
            Instant start = Instant.now();
            double minutes = SPANS_MARGIN * spans / ((double) PROCESSES * FPS * SPANS_PER_FRAME * 60);
            GeneratorSettings settings = GeneratorSettings.defaults().withProcesses(PROCESSES).withFps(FPS)
                    .withSpansPerFrame(SPANS_PER_FRAME).withMinutes(Math.max(minutes, 0.05)).withWorkers(4);
            long generated;
            try (Connection connection = database.newConnection()) {
                generated = TelemetryGenerator.generate(settings, connection).spans();
            }
            if (generated < spans) {
                throw new IllegalStateException("the generator made " + generated + " spans, fewer than the "
                        + spans + " asked for; raise SPANS_MARGIN");
            }
            database.execute("CREATE TABLE " + TABLE + " AS "
                    + "SELECT s.id, s.parent, s.depth, c.hash, s.\"begin\", s.\"end\", "
                    + "epoch_ns(s.\"end\") - epoch_ns(s.\"begin\") AS duration, c.name, c.target, c.filename, c.line "
                    + "FROM mm_spans s JOIN mm_scopes c ON c.scope_id = s.scope_id "
                    + "ORDER BY s.stream_id, s.id LIMIT " + spans + ";"
                    + "CHECKPOINT;");
            long rows = count(database);
            if (rows != spans) {
                throw new IllegalStateException(TABLE + " has " + rows + " rows, expected " + spans);
            }
            StandinServer server = StandinServer.builder(database).start();
            return new SpanData(directory, database, server, spans, Duration.between(start, Instant.now()));
        } catch (IOException | SQLException | RuntimeException e) {
            database.close();
            deleteTree(directory);
            throw e;
        }
    }

    private static long count(StandinDatabase database) throws SQLException {
        try (Connection connection = database.newConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*) FROM " + TABLE)) {
            result.next();
            return result.getLong(1);
        }
    }

    long spans() {
        return spans;
    }

    Duration generation() {
        return generation;
    }

    StandinServer server() {
        return server;
    }

    /** The database the server serves. */
    StandinDatabase database() {
        return database;
    }

    URI uri() {
        return server.uri();
    }

    long databaseBytes() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
