package framebudgets.standin;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.HeaderCallOption;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** An independent Arrow Flight SQL client for the stand-in's tests; its allocator must end at zero. */
final class StandinTestClient implements AutoCloseable {

    final BufferAllocator allocator = new RootAllocator();
    final FlightClient flight;
    final FlightSqlClient sql;
    private final String token;

    private StandinTestClient(FlightClient.Builder builder, String token) {
        this.flight = builder.allocator(allocator).build();
        this.sql = new FlightSqlClient(flight);
        this.token = token;
    }

    static StandinTestClient plaintext(StandinServer server, String token) {
        return new StandinTestClient(FlightClient.builder().location(Location.forGrpcInsecure("127.0.0.1", server.port())),
                token);
    }

    static StandinTestClient tls(StandinServer server, Path trustedCa, Path clientCertificate, Path clientKey)
            throws IOException {
        FlightClient.Builder builder = FlightClient.builder()
                .location(Location.forGrpcTls("127.0.0.1", server.port()));
        builder.trustedCertificates(pem(trustedCa));
        if (clientCertificate != null) {
            builder.clientCertificate(pem(clientCertificate), pem(clientKey));
        }
        return new StandinTestClient(builder, null);
    }

    /** The builder reads its streams only when it builds the client, so hand it bytes. */
    private static InputStream pem(Path file) throws IOException {
        return new ByteArrayInputStream(Files.readAllBytes(file));
    }

    /** Call options: the bearer token (if any) plus {@code headers}. */
    CallOption headers(Map<String, String> headers) {
        FlightCallHeaders callHeaders = new FlightCallHeaders();
        if (token != null) {
            callHeaders.insert("authorization", "Bearer " + token);
        }
        headers.forEach(callHeaders::insert);
        return new HeaderCallOption(callHeaders);
    }

    /** The rows of {@code query}: GetFlightInfo, then DoGet on its single endpoint with {@code headers}. */
    Rows query(String query, Map<String, String> headers) throws Exception {
        CallOption options = headers(headers);
        return read(ticket(query, options), options);
    }

    /**
     * The ticket of {@code query}'s one endpoint. The newest profile answers GetFlightInfo as
     * micromegas 0.33 does, without a FlightDescriptor, which Arrow Java cannot read
     * (UnsupportedOperationException): then the ticket is built as micromegas' Python client builds it.
     */
    Ticket ticket(String query, CallOption... options) {
        try {
            FlightInfo info = sql.execute(query, options);
            return info.getEndpoints().get(0).getTicket();
        } catch (UnsupportedOperationException e) {
            return new Ticket(Any.pack(TicketStatementQuery.newBuilder()
                    .setStatementHandle(ByteString.copyFromUtf8(query)).build()).toByteArray());
        }
    }

    Rows query(String query) throws Exception {
        return query(query, Map.of());
    }

    Rows read(Ticket ticket, CallOption options) throws Exception {
        try (FlightStream stream = sql.getStream(ticket, options)) {
            Schema schema = stream.getSchema();
            List<List<Object>> rows = new ArrayList<>();
            int batches = 0;
            while (stream.next()) {
                batches++;
                VectorSchemaRoot root = stream.getRoot();
                for (int row = 0; row < root.getRowCount(); row++) {
                    List<Object> values = new ArrayList<>();
                    for (int column = 0; column < root.getFieldVectors().size(); column++) {
                        values.add(root.getVector(column).getObject(row));
                    }
                    rows.add(values);
                }
            }
            return new Rows(schema, rows, batches);
        }
    }

    @Override
    public void close() throws Exception {
        sql.close();
        allocator.close();
    }

    /** A fully read result. */
    record Rows(Schema schema, List<List<Object>> rows, int batches) {
        Object value(int row, int column) {
            return rows.get(row).get(column);
        }
    }
}
