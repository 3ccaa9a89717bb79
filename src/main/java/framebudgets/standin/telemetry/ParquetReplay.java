package framebudgets.standin.telemetry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Loads a replay directory ({@link ParquetLayout}) exported from micromegas (or by
 * {@link ParquetExport}) into the stand-in, so real captures can be queried offline. Thread-span
 * files keep their real spans; their depth-0 root rows are dropped because the stand-in derives
 * them from the blocks.
 */
public final class ParquetReplay {

    private ParquetReplay() {}

    /** Appends the directory's telemetry to the database (schema installed when missing). */
    public static void load(Connection connection, Path directory) throws SQLException, IOException {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("replay directory " + directory + " does not exist or is not a directory");
        }
        Path processes = required(directory, ParquetLayout.PROCESSES);
        Path streams = required(directory, ParquetLayout.STREAMS);
        Path blocks = required(directory, ParquetLayout.BLOCKS);
        MicromegasSchema.ensureInstalled(connection);
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO mm_processes SELECT process_id, exe, username, realname, computer, distro, "
                    + "cpu_brand, tsc_frequency, CAST(start_time AS TIMESTAMP_NS), start_ticks, "
                    + "CAST(insert_time AS TIMESTAMP_NS), parent_process_id, " + JsonbReplay.properties(connection, processes)
                    + " FROM read_parquet(" + ParquetLayout.literal(processes) + ") f");
            statement.execute("INSERT INTO mm_streams SELECT stream_id, process_id, dependencies_metadata, "
                    + "objects_metadata, tags, " + JsonbReplay.properties(connection, streams)
                    + ", CAST(insert_time AS TIMESTAMP_NS) FROM read_parquet(" + ParquetLayout.literal(streams) + ") f");
            statement.execute("INSERT INTO mm_blocks SELECT block_id, stream_id, process_id, "
                    + "CAST(begin_time AS TIMESTAMP_NS), begin_ticks, CAST(end_time AS TIMESTAMP_NS), end_ticks, "
                    + "nb_objects, object_offset, payload_size, CAST(insert_time AS TIMESTAMP_NS) FROM read_parquet("
                    + ParquetLayout.literal(blocks) + ")");
            for (Path file : spanFiles(directory)) {
                loadSpans(statement, file);
            }
        }
    }

    private static void loadSpans(Statement statement, Path file) throws SQLException {
        String name = file.getFileName().toString();
        UUID stream;
        try {
            stream = UUID.fromString(name.substring(0, name.length() - ".parquet".length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("thread span file " + file + " is not named <stream_id>.parquet", e);
        }
        String source = "read_parquet(" + ParquetLayout.literal(file) + ")";
        statement.execute("INSERT INTO mm_scopes SELECT (SELECT coalesce(max(scope_id), -1) FROM mm_scopes) "
                + "+ row_number() OVER (ORDER BY name, target, filename, line), name, target, filename, line, hash "
                + "FROM (SELECT name, target, filename, line, first(hash) AS hash FROM " + source
                + " s WHERE depth > 0 AND NOT EXISTS (SELECT 1 FROM mm_scopes c WHERE c.name = s.name "
                + "AND c.target = s.target AND c.filename = s.filename AND c.line = s.line) "
                + "GROUP BY name, target, filename, line)");
        statement.execute("INSERT INTO mm_spans SELECT '" + stream + "'::UUID, s.id, s.parent, s.depth, "
                + "CAST(s.\"begin\" AS TIMESTAMP_NS), CAST(s.\"end\" AS TIMESTAMP_NS), c.scope_id FROM " + source
                + " s JOIN mm_scopes c ON c.name = s.name AND c.target = s.target AND c.filename = s.filename "
                + "AND c.line = s.line WHERE s.depth > 0 ORDER BY s.\"begin\"");
    }

    private static List<Path> spanFiles(Path directory) throws IOException {
        Path spans = directory.resolve(ParquetLayout.THREAD_SPANS);
        if (!Files.isDirectory(spans)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(spans)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
    }

    private static Path required(Path directory, String file) {
        Path path = directory.resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("replay directory " + directory + " has no " + file);
        }
        return path;
    }
}
