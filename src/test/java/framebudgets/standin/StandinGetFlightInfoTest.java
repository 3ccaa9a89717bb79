package framebudgets.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.impl.Flight;
import org.apache.arrow.flight.impl.FlightServiceGrpc;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.junit.jupiter.api.Test;

/**
 * GetFlightInfo on a statement, read off the wire: the newest profile answers as micromegas 0.33's
 * {@code get_flight_info_statement} does (no FlightDescriptor, empty schema, one endpoint without
 * location whose ticket is a bare {@code TicketStatementQuery}), which Arrow Java's FlightSqlClient
 * cannot read; the 0.11 profile keeps its descriptor and an {@code Any}-packed ticket.
 */
class StandinGetFlightInfoTest {

    private static final String SQL = "SELECT 42 AS answer";

    @Test
    void newestAnswersWithoutADescriptorAndABareTicket() throws Exception {
        try (StandinDatabase database = StandinDatabase.inMemory();
                StandinServer server = StandinServer.builder(database).start();
                StandinTestClient client = StandinTestClient.plaintext(server, null)) {
            Flight.FlightInfo info = rawGetFlightInfo(server);
            assertFalse(info.hasFlightDescriptor(), "micromegas 0.33 sends no descriptor");
            assertEquals(1, info.getEndpointCount());
            assertEquals(0, info.getEndpoint(0).getLocationCount());
            assertEquals(-1, info.getTotalRecords());
            byte[] ticket = info.getEndpoint(0).getTicket().getTicket().toByteArray();
            assertEquals(SQL, TicketStatementQuery.parseFrom(ticket).getStatementHandle().toStringUtf8());

            CallOption none = client.headers(Map.of());
            assertThrows(UnsupportedOperationException.class, () -> client.sql.execute(SQL, none),
                    "Arrow Java cannot read a FlightInfo without descriptor");
            assertEquals(List.of(List.of(42)), client.read(new Ticket(ticket), none).rows(), "the bare ticket");
            assertEquals(List.of(List.of(42)), client.query(SQL).rows(), "an Any-packed ticket, as the Python client sends");
            assertEquals(0, server.allocatedBytes());
        }
    }

    @Test
    void version011KeepsTheDescriptorAndAnAnyTicket() throws Exception {
        try (StandinDatabase database = StandinDatabase.inMemory();
                StandinServer server = StandinServer.builder(database).profile(MicromegasProfile.V0_11).start()) {
            Flight.FlightInfo info = rawGetFlightInfo(server);
            assertTrue(info.hasFlightDescriptor());
            byte[] ticket = info.getEndpoint(0).getTicket().getTicket().toByteArray();
            assertEquals(SQL, Any.parseFrom(ticket).unpack(TicketStatementQuery.class).getStatementHandle().toStringUtf8());
        }
    }

    @Test
    void newestKeepsTheDescriptorOfOtherFlightInfos() throws Exception {
        try (StandinDatabase database = StandinDatabase.inMemory();
                StandinServer server = StandinServer.builder(database).start();
                StandinTestClient client = StandinTestClient.plaintext(server, null)) {
            // Arrow Java throws on a FlightInfo without descriptor, so reading this one proves it kept its own.
            assertTrue(client.sql.getSqlInfo(new int[0], client.headers(Map.of())).getDescriptor().isCommand());
        }
    }

    /** GetFlightInfo(CommandStatementQuery) with gRPC's own stub, so nothing of Arrow Java reads the answer. */
    private static Flight.FlightInfo rawGetFlightInfo(StandinServer server) throws InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        try {
            Flight.FlightDescriptor descriptor = Flight.FlightDescriptor.newBuilder()
                    .setType(Flight.FlightDescriptor.DescriptorType.CMD)
                    .setCmd(Any.pack(CommandStatementQuery.newBuilder().setQuery(SQL).build()).toByteString())
                    .build();
            return FlightServiceGrpc.newBlockingStub(channel).getFlightInfo(descriptor);
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
