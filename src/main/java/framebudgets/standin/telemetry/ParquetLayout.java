package framebudgets.standin.telemetry;

import java.nio.file.Path;
import java.util.UUID;

/**
 * Where micromegas tables live in a replay directory (see docs/replay-layout.md):
 * {@code processes.parquet}, {@code streams.parquet}, {@code blocks.parquet} with the micromegas
 * columns, and {@code thread_spans/<stream_id>.parquet} with the 11 thread_spans columns.
 */
final class ParquetLayout {

    static final String PROCESSES = "processes.parquet";
    static final String STREAMS = "streams.parquet";
    static final String BLOCKS = "blocks.parquet";
    static final String THREAD_SPANS = "thread_spans";

    private ParquetLayout() {}

    static Path spansFile(Path directory, UUID streamId) {
        return directory.resolve(THREAD_SPANS).resolve(streamId + ".parquet");
    }

    /** {@code path} as a SQL string literal. */
    static String literal(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
