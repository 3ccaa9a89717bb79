package framebudgets.standin.telemetry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes the stand-in's telemetry out as a replay directory ({@link ParquetLayout}): the same
 * files a user would export from a real micromegas server, so {@link ParquetReplay} can load them.
 */
public final class ParquetExport {

    private ParquetExport() {}

    /** Exports every process, stream, block and thread span; {@code directory} is created if needed. */
    public static void export(Connection connection, Path directory) throws SQLException, IOException {
        Files.createDirectories(directory.resolve(ParquetLayout.THREAD_SPANS));
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET VARIABLE query_range_begin = CAST(NULL AS TIMESTAMP_NS)");
            statement.execute("SET VARIABLE query_range_end = CAST(NULL AS TIMESTAMP_NS)");
            copy(statement, "SELECT * FROM processes ORDER BY process_id", directory.resolve(ParquetLayout.PROCESSES));
            copy(statement, "SELECT * FROM streams ORDER BY stream_id", directory.resolve(ParquetLayout.STREAMS));
            copy(statement, "SELECT * FROM blocks ORDER BY stream_id, begin_ticks", directory.resolve(ParquetLayout.BLOCKS));
            for (UUID stream : streamsWithBlocks(statement)) {
                statement.execute("SET VARIABLE query_range_begin = (SELECT min(begin_time) FROM mm_blocks "
                        + "WHERE stream_id = '" + stream + "')");
                statement.execute("SET VARIABLE query_range_end = (SELECT max(end_time) FROM mm_blocks "
                        + "WHERE stream_id = '" + stream + "')");
                copy(statement, "SELECT * FROM view_instance('thread_spans', '" + stream + "') ORDER BY \"begin\", depth",
                        ParquetLayout.spansFile(directory, stream));
            }
            statement.execute("SET VARIABLE query_range_begin = CAST(NULL AS TIMESTAMP_NS)");
            statement.execute("SET VARIABLE query_range_end = CAST(NULL AS TIMESTAMP_NS)");
        }
    }

    private static List<UUID> streamsWithBlocks(Statement statement) throws SQLException {
        List<UUID> streams = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("SELECT DISTINCT stream_id FROM mm_blocks ORDER BY stream_id")) {
            while (rows.next()) {
                streams.add(UUID.fromString(rows.getString(1)));
            }
        }
        return streams;
    }

    private static void copy(Statement statement, String query, Path file) throws SQLException {
        statement.execute("COPY (" + query + ") TO " + ParquetLayout.literal(file) + " (FORMAT parquet)");
    }
}
