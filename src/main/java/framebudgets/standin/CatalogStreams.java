package framebudgets.standin;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.sql.FlightSqlProducer.Schemas;
import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetSqlInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedTransaction;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The small metadata answers (GetSqlInfo, GetTables, GetCatalogs, GetDbSchemas, GetTableTypes)
 * that generic Flight SQL clients such as the JDBC driver ask for. Tables are DuckDB's tables and
 * views, reported with no catalog, like micromegas reports its views.
 */
final class CatalogStreams {

    private static final String TABLES_SQL = "SELECT table_schema, table_name, "
            + "CASE table_type WHEN 'VIEW' THEN 'view' ELSE 'table' END AS table_type "
            + "FROM information_schema.tables "
            + "WHERE table_schema LIKE ? AND table_name LIKE ? ORDER BY table_schema, table_name";

    private final StandinDatabase database;
    private final BufferAllocator allocator;
    private final SqlInfoBuilder sqlInfo = new SqlInfoBuilder()
            .withFlightSqlServerName("frame-budgets micromegas stand-in (DuckDB)")
            .withFlightSqlServerVersion("0.11.0-standin")
            .withFlightSqlServerArrowVersion("18.3.0")
            .withFlightSqlServerReadOnly(true)
            .withFlightSqlServerSql(true)
            .withFlightSqlServerSubstrait(false)
            .withFlightSqlServerTransaction(SqlSupportedTransaction.SQL_SUPPORTED_TRANSACTION_NONE)
            .withFlightSqlServerCancel(false)
            .withSqlIdentifierQuoteChar("\"");

    CatalogStreams(StandinDatabase database, BufferAllocator allocator) {
        this.database = database;
        this.allocator = allocator;
    }

    void sqlInfo(CommandGetSqlInfo command, ServerStreamListener listener) {
        sqlInfo.send(command.getInfoList(), listener);
    }

    void tables(CommandGetTables command, ServerStreamListener listener) {
        List<String[]> rows = new ArrayList<>();
        try (Connection connection = database.newConnection();
                PreparedStatement statement = connection.prepareStatement(TABLES_SQL)) {
            statement.setString(1, command.hasDbSchemaFilterPattern() ? command.getDbSchemaFilterPattern() : "%");
            statement.setString(2, command.hasTableNameFilterPattern() ? command.getTableNameFilterPattern() : "%");
            try (ResultSet results = statement.executeQuery()) {
                while (results.next()) {
                    String type = results.getString(3);
                    if (command.getTableTypesCount() == 0 || command.getTableTypesList().contains(type)) {
                        rows.add(new String[] {null, results.getString(1), results.getString(2), type});
                    }
                }
            }
        } catch (SQLException e) {
            listener.error(CallStatus.INTERNAL.withDescription("error listing tables: " + e.getMessage())
                    .toRuntimeException());
            return;
        }
        Schema schema = command.getIncludeSchema() ? Schemas.GET_TABLES_SCHEMA : Schemas.GET_TABLES_SCHEMA_NO_SCHEMA;
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            for (int row = 0; row < rows.size(); row++) {
                String[] values = rows.get(row);
                for (int column = 0; column < values.length; column++) {
                    setString(root, column, row, values[column]);
                }
                if (command.getIncludeSchema()) {
                    Schema tableSchema = ResultSchemas.of(database, allocator,
                            "SELECT * FROM " + quoted(values[1]) + "." + quoted(values[2]));
                    ((VarBinaryVector) root.getVector(4)).setSafe(row, ResultSchemas.ipcBytes(tableSchema));
                }
            }
            send(root, rows.size(), listener);
        }
    }

    void catalogs(ServerStreamListener listener) {
        sendStrings(Schemas.GET_CATALOGS_SCHEMA, List.of(), listener);
    }

    void dbSchemas(ServerStreamListener listener) {
        List<String[]> rows = new ArrayList<>();
        try (Connection connection = database.newConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT DISTINCT table_schema FROM information_schema.tables ORDER BY 1");
                ResultSet results = statement.executeQuery()) {
            while (results.next()) {
                rows.add(new String[] {null, results.getString(1)});
            }
        } catch (SQLException e) {
            listener.error(CallStatus.INTERNAL.withDescription("error listing schemas: " + e.getMessage())
                    .toRuntimeException());
            return;
        }
        sendStrings(Schemas.GET_SCHEMAS_SCHEMA, rows, listener);
    }

    void tableTypes(ServerStreamListener listener) {
        sendStrings(Schemas.GET_TABLE_TYPES_SCHEMA, List.of(new String[] {"table"}, new String[] {"view"}), listener);
    }

    private void sendStrings(Schema schema, List<String[]> rows, ServerStreamListener listener) {
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            for (int row = 0; row < rows.size(); row++) {
                for (int column = 0; column < rows.get(row).length; column++) {
                    setString(root, column, row, rows.get(row)[column]);
                }
            }
            send(root, rows.size(), listener);
        }
    }

    private static void setString(VectorSchemaRoot root, int column, int row, String value) {
        VarCharVector vector = (VarCharVector) root.getVector(column);
        if (value == null) {
            vector.setNull(row);
        } else {
            vector.setSafe(row, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void send(VectorSchemaRoot root, int rows, ServerStreamListener listener) {
        root.setRowCount(rows);
        listener.start(root);
        listener.putNext();
        listener.completed();
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
