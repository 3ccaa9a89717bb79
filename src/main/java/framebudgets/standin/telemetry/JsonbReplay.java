package framebudgets.standin.telemetry;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets replay read the {@code properties} column of an exported file in either form: micromegas
 * 0.11's {@code List<Struct<key,value>>} as is, or newer servers' JSONB ({@code BLOB}), decoded with
 * {@link JsonbProperties} into a temporary lookup table (one row per distinct value: properties are
 * shared by all the rows of a process or stream, so there are few).
 */
final class JsonbReplay {
    private JsonbReplay() {}

    /** The SQL expression giving the stand-in's properties for rows of {@code file} aliased {@code f}. */
    static String properties(Connection connection, Path file) throws SQLException {
        String source = "read_parquet(" + ParquetLayout.literal(file) + ")";
        String type;
        try (Statement statement = connection.createStatement();
                ResultSet described = statement.executeQuery("SELECT typeof(properties) FROM " + source + " LIMIT 1")) {
            if (!described.next()) {
                return "CAST([] AS STRUCT(\"key\" VARCHAR, \"value\" VARCHAR)[])";
            }
            type = described.getString(1);
        }
        if (!type.equals("BLOB")) {
            return "f.properties";
        }
        String table = "mm_replay_jsonb_" + Integer.toHexString(file.toAbsolutePath().toString().hashCode() & 0x7fffffff);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TEMP TABLE " + table
                    + " (jsonb BLOB, properties STRUCT(\"key\" VARCHAR, \"value\" VARCHAR)[])");
        }
        List<byte[]> distinct = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet blobs = statement.executeQuery("SELECT DISTINCT properties FROM " + source
                        + " WHERE properties IS NOT NULL")) {
            while (blobs.next()) {
                distinct.add(blobs.getBytes(1));
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (?, "
                        + "list_transform(list_zip(CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[])), "
                        + "lambda z: {'key': z[1], 'value': z[2]}))")) {
            for (byte[] jsonb : distinct) {
                List<Property> decoded;
                try {
                    decoded = JsonbProperties.decode(jsonb);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ": column properties: " + e.getMessage(), e);
                }
                insert.setBytes(1, jsonb);
                insert.setArray(2, connection.createArrayOf("VARCHAR", decoded.stream().map(Property::key).toArray()));
                insert.setArray(3, connection.createArrayOf("VARCHAR", decoded.stream().map(Property::value).toArray()));
                insert.executeUpdate();
            }
        }
        return "(SELECT j.properties FROM " + table + " j WHERE j.jsonb = f.properties)";
    }
}
