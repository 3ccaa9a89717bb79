package framebudgets.standin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;

/**
 * The schema a statement's result will have, found by running it with {@code LIMIT 0} and no time
 * range (micromegas plans prepared statements without a range too).
 */
final class ResultSchemas {

    private ResultSchemas() {}

    static Schema of(StandinDatabase database, BufferAllocator allocator, String sql) {
        try (DuckDBConnection connection = database.newDuckDBConnection()) {
            SqlStatements.setRangeVariables(connection, Optional.empty());
            try (Statement statement = connection.createStatement();
                    ResultSet results = statement.executeQuery(SqlStatements.executable(sql, OptionalLong.of(0)));
                    ArrowReader reader = (ArrowReader) ((DuckDBResultSet) results)
                            .arrowExportStream(allocator, QueryExecution.BATCH_ROWS)) {
                return MicromegasResultShape.of(reader.getVectorSchemaRoot().getSchema(), reader);
            }
        } catch (SQLException e) {
            throw CallStatus.INTERNAL.withDescription("error building dataframe: " + e.getMessage()).toRuntimeException();
        } catch (IOException e) {
            throw CallStatus.INTERNAL.withDescription("error reading result schema: " + e.getMessage()).toRuntimeException();
        }
    }

    /** {@code schema} as an IPC-encapsulated Schema message, as Flight SQL expects it in protobuf fields. */
    static byte[] ipcBytes(Schema schema) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), schema);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a schema in memory", e);
        }
    }
}
