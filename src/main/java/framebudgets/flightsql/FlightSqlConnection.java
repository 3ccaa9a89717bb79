package framebudgets.flightsql;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.HeaderCallOption;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.auth2.BasicAuthCredentialWriter;
import org.apache.arrow.flight.auth2.BearerCredentialWriter;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One gRPC connection to a Flight SQL server (the {@code uri} or an endpoint's location) with the
 * read's transport security, credentials and headers applied to every call. Failures come out as
 * {@link FlightSqlException}s naming the call and host:port.
 */
final class FlightSqlConnection implements AutoCloseable {
    private final FlightClient client;
    private final BufferAllocator allocator;
    private final FlightSqlClient sql;
    private final CallOption[] callOptions;
    private final String target;

    private FlightSqlConnection(FlightClient client, BufferAllocator allocator, CallOption[] callOptions, String target) {
        this.client = client;
        this.allocator = allocator;
        this.sql = new FlightSqlClient(client);
        this.callOptions = callOptions;
        this.target = target;
    }

    /**
     * Connects to {@code location} (null = the {@code uri} option) with a child allocator of
     * {@code memory}, and authenticates. Headers are the read's {@code headers.*} options overlaid
     * with {@code queryHeaders}.
     */
    static FlightSqlConnection open(FlightSqlOptions options, FlightSqlMemory memory, URI location,
                                    Map<String, String> queryHeaders) {
        URI uri = location == null ? options.uri : location;
        boolean tls = location == null ? options.tls : location.getScheme().equals("grpc+tls");
        String target = uri.getHost() + ":" + uri.getPort();
        BufferAllocator allocator = memory.forConnection(target);
        FlightClient.Builder builder = FlightClient.builder()
                .allocator(allocator)
                .location(tls ? Location.forGrpcTls(uri.getHost(), uri.getPort())
                        : Location.forGrpcInsecure(uri.getHost(), uri.getPort()));
        if (tls) {
            builder.verifyServer(options.verifyServer);
            if (options.trustedCertificates != null) {
                builder.trustedCertificates(new ByteArrayInputStream(options.trustedCertificates));
            }
            if (options.clientCertificate != null) {
                builder.clientCertificate(new ByteArrayInputStream(options.clientCertificate),
                        new ByteArrayInputStream(options.clientKey.revealBytes()));
            }
        }
        FlightClient client;
        try {
            client = builder.build();
        } catch (RuntimeException e) {
            allocator.close();
            throw e;
        }
        try {
            List<CallOption> callOptions = new ArrayList<>();
            Map<String, String> headers = new TreeMap<>(options.headers);
            headers.putAll(queryHeaders);
            if (!headers.isEmpty()) {
                CallHeaders callHeaders = new FlightCallHeaders();
                headers.forEach(callHeaders::insert);
                callOptions.add(new HeaderCallOption(callHeaders));
            }
            if (options.token != null) {
                callOptions.add(new CredentialCallOption(new BearerCredentialWriter(options.token.reveal())));
            } else if (options.oauth2 != null) {
                callOptions.add(new CredentialCallOption(new BearerCredentialWriter(OAuth2TokenCache.bearer(options.oauth2))));
            } else if (options.username != null) {
                callOptions.add(basicAuth(client, options, target));
            }
            return new FlightSqlConnection(client, allocator, callOptions.toArray(new CallOption[0]), target);
        } catch (RuntimeException e) {
            closeQuietly(client, allocator, e);
            throw e;
        }
    }

    /**
     * Arrow's basic auth: a Handshake that trades username/password for a bearer token. Servers
     * without Handshake (UNIMPLEMENTED) or without a token in their answer get the basic
     * credentials on every call instead, which Arrow's server-side authenticators accept.
     */
    private static CallOption basicAuth(FlightClient client, FlightSqlOptions options, String target) {
        CredentialCallOption basic = new CredentialCallOption(
                new BasicAuthCredentialWriter(options.username, options.password.reveal()));
        try {
            Optional<CredentialCallOption> bearer =
                    client.authenticateBasicToken(options.username, options.password.reveal());
            return bearer.isPresent() ? bearer.get() : basic;
        } catch (FlightRuntimeException e) {
            if (e.status().code() == FlightStatusCode.UNIMPLEMENTED) {
                return basic;
            }
            throw FlightSqlException.of("Handshake (basic auth)", target, e);
        }
    }

    /**
     * GetFlightInfo for {@code query} (CommandStatementQuery). micromegas (seen on 0.33) answers it
     * without a FlightDescriptor, which Arrow Java cannot read (UnsupportedOperationException); its one
     * endpoint then holds the statement's own ticket, so that ticket is built here the way micromegas'
     * Python client builds it (Any-packed TicketStatementQuery of the SQL), with no schema announced.
     */
    FlightInfo execute(String query) {
        try {
            return sql.execute(query, callOptions);
        } catch (FlightRuntimeException e) {
            throw FlightSqlException.of("GetFlightInfo", target, e);
        } catch (UnsupportedOperationException e) {
            return statementTicket(query);
        }
    }

    /** GetSchema of {@code query} (CommandStatementQuery): the result's schema without running it. */
    Schema executeSchema(String query) {
        try {
            return sql.getExecuteSchema(query, callOptions).getSchema();
        } catch (FlightRuntimeException e) {
            throw FlightSqlException.of("GetSchema", target, e);
        }
    }

    static FlightInfo statementTicket(String query) {
        byte[] ticket = com.google.protobuf.Any.pack(org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery
                .newBuilder().setStatementHandle(com.google.protobuf.ByteString.copyFromUtf8(query)).build()).toByteArray();
        return new FlightInfo(new Schema(List.of()),
                org.apache.arrow.flight.FlightDescriptor.command(new byte[0]),
                List.of(new org.apache.arrow.flight.FlightEndpoint(new Ticket(ticket))), -1, -1);
    }

    /** DoGet of one endpoint's ticket; failures surface on the stream's next(), see {@link #failure}. */
    FlightStream stream(Ticket ticket) {
        try {
            return sql.getStream(ticket, callOptions);
        } catch (FlightRuntimeException e) {
            throw FlightSqlException.of("DoGet", target, e);
        }
    }

    /** Wraps a failure of a DoGet stream opened on this connection. */
    FlightSqlException failure(FlightRuntimeException e) {
        return FlightSqlException.of("DoGet", target, e);
    }

    String target() {
        return target;
    }

    /** Closes the gRPC channel, then its allocator, which fails if a stream of it still holds memory. */
    @Override
    public void close() throws InterruptedException {
        try {
            client.close();
        } finally {
            allocator.close();
        }
    }

    private static void closeQuietly(FlightClient client, BufferAllocator allocator, RuntimeException failure) {
        try {
            client.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.addSuppressed(e);
        } finally {
            try {
                allocator.close();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
