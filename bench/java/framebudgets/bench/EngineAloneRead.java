package framebudgets.bench;

import framebudgets.standin.StandinDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBResultSet;

/**
 * The stand-in's engine without Flight: DuckDB runs the query and exports Arrow batches (as the
 * stand-in's DoGet does, same batch size), and every value is read in plain Java as the raw client
 * reads it. What the server side alone can deliver; the difference to raw is the Flight transfer.
 */
final class EngineAloneRead {

    /** Rows per Arrow batch, as the stand-in server exports them. */
    static final int BATCH_ROWS = 8192;

    private EngineAloneRead() {}

    static SpanTotals totals(StandinDatabase database, String query) throws Exception {
        RawFlightRead.Totals totals = new RawFlightRead.Totals();
        try (BufferAllocator allocator = new RootAllocator();
                Connection connection = database.newConnection();
                Statement statement = connection.createStatement();
                ResultSet results = statement.executeQuery(query);
                ArrowReader reader = (ArrowReader) results.unwrap(DuckDBResultSet.class)
                        .arrowExportStream(allocator, BATCH_ROWS)) {
            while (reader.loadNextBatch()) {
                totals.add(reader.getVectorSchemaRoot());
            }
        }
        return totals.result();
    }
}
