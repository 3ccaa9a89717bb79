package framebudgets.standin;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.SchemaResult;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.NoOpFlightSqlProducer;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionClosePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetCatalogs;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetSqlInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTableTypes;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.flight.sql.FlightSqlProducer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The Flight SQL side of the stand-in. Like micromegas, GetFlightInfo only wraps the SQL into a
 * ticket (empty schema, one endpoint, no location) and DoGet does all the work; the newest profile
 * answers as 0.33 does (a bare {@code TicketStatementQuery} ticket and no FlightDescriptor). In strict mode
 * prepared statements only describe their schema, as on the real server; otherwise they execute
 * too, and the catalog RPCs answer, so the Arrow Flight SQL JDBC driver can query the stand-in.
 */
final class StandinSqlProducer extends NoOpFlightSqlProducer {

    private static final String FLIGHT_SQL_TYPE_PREFIX = "type.googleapis.com/arrow.flight.protocol.sql.";
    private static final Schema EMPTY_SCHEMA = new Schema(List.of());

    private final StandinDatabase database;
    private final BufferAllocator allocator;
    private final boolean strict;
    private final ReceivedQueryLog receivedQueries;
    private final ExecutorService queryThreads;
    private final CatalogStreams catalog;
    private final StreamFaults faults;
    private final MicromegasProfile profile;
    private final Duration materializationLag;
    private final Set<QueryExecution> running = ConcurrentHashMap.newKeySet();

    StandinSqlProducer(StandinDatabase database, BufferAllocator allocator, boolean strict,
            ReceivedQueryLog receivedQueries, ExecutorService queryThreads, StreamFaults faults,
            MicromegasProfile profile, Duration materializationLag) {
        this.profile = profile;
        this.materializationLag = materializationLag;
        this.database = database;
        this.allocator = allocator;
        this.strict = strict;
        this.receivedQueries = receivedQueries;
        this.queryThreads = queryThreads;
        this.catalog = new CatalogStreams(database, allocator);
        this.faults = faults;
    }

    /** Stops every running query (server shutdown). */
    void cancelRunningQueries() {
        running.forEach(QueryExecution::stopForShutdown);
    }

    // ---- statements: the micromegas path --------------------------------------------------

    @Override
    public FlightInfo getFlightInfoStatement(CommandStatementQuery command, CallContext context,
            FlightDescriptor descriptor) {
        TicketStatementQuery ticket = TicketStatementQuery.newBuilder()
                .setStatementHandle(command.getQueryBytes())
                .build();
        // micromegas 0.33 encodes the ticket bare (and sends no descriptor, see StatementInfoWithoutDescriptor).
        byte[] bytes = profile == MicromegasProfile.NEWEST ? ticket.toByteArray() : Any.pack(ticket).toByteArray();
        return ticketOnly(EMPTY_SCHEMA, descriptor, bytes);
    }

    /**
     * Also accepts the raw (not {@code Any}-wrapped) {@code TicketStatementQuery} that real
     * micromegas issues; every Flight SQL {@code Any} goes through the usual dispatch.
     */
    @Override
    public void getStream(CallContext context, Ticket ticket, ServerStreamListener listener) {
        byte[] bytes = ticket.getBytes();
        if (isFlightSqlAny(bytes)) {
            super.getStream(context, ticket, listener);
            return;
        }
        try {
            getStreamStatement(TicketStatementQuery.parseFrom(bytes), context, listener);
        } catch (InvalidProtocolBufferException e) {
            listener.error(CallStatus.INTERNAL.withDescription("Unable to parse query: " + e.getMessage())
                    .toRuntimeException());
        }
    }

    private static boolean isFlightSqlAny(byte[] bytes) {
        try {
            return Any.parseFrom(bytes).getTypeUrl().startsWith(FLIGHT_SQL_TYPE_PREFIX);
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }

    @Override
    public void getStreamStatement(TicketStatementQuery ticket, CallContext context, ServerStreamListener listener) {
        execute(ticket.getStatementHandle(), context, listener);
    }

    private void execute(ByteString handle, CallContext context, ServerStreamListener listener) {
        if (!handle.isValidUtf8()) {
            listener.error(CallStatus.INTERNAL.withDescription("Unable to parse query: the statement is not UTF-8")
                    .toRuntimeException());
            return;
        }
        String sql = handle.toStringUtf8();
        CallHeaders headers = context.getMiddleware(RequestHeaders.KEY).headers();
        receivedQueries.record(sql, headers);
        QueryOptions options;
        try {
            options = QueryOptions.from(headers, profile);
        } catch (FlightRuntimeException e) {
            listener.error(e);
            return;
        }
        QueryExecution[] self = new QueryExecution[1];
        self[0] = new QueryExecution(database, allocator, sql, options, listener, faults, profile,
                materializedBefore(), () -> running.remove(self[0]));
        running.add(self[0]);
        try {
            queryThreads.execute(self[0]);
        } catch (RejectedExecutionException e) {
            running.remove(self[0]);
            listener.error(CallStatus.UNAVAILABLE.withDescription("the server is shutting down").toRuntimeException());
        }
    }

    /** The newest profile's materialization cut-off: now minus the lag (none with no lag, or in 0.11). */
    private OptionalLong materializedBefore() {
        if (profile != MicromegasProfile.NEWEST || materializationLag.isZero()) {
            return OptionalLong.empty();
        }
        Instant cutOff = Instant.now().minus(materializationLag);
        return OptionalLong.of(cutOff.getEpochSecond() * 1_000_000_000L + cutOff.getNano());
    }

    @Override
    public SchemaResult getSchemaStatement(CommandStatementQuery command, CallContext context,
            FlightDescriptor descriptor) {
        requireNotStrict("GetSchema");
        if (profile == MicromegasProfile.NEWEST) {
            // micromegas 0.33 leaves arrow-flight's default: UNIMPLEMENTED "Not yet implemented".
            throw CallStatus.UNIMPLEMENTED.withDescription("Not yet implemented").toRuntimeException();
        }
        return new SchemaResult(ResultSchemas.of(database, allocator, command.getQuery()));
    }

    // ---- prepared statements ---------------------------------------------------------------

    /** Both modes: the handle is the SQL itself and the schema comes from a LIMIT 0 run. */
    @Override
    public void createPreparedStatement(ActionCreatePreparedStatementRequest request, CallContext context,
            StreamListener<Result> listener) {
        try {
            Schema schema = ResultSchemas.of(database, allocator, request.getQuery());
            ActionCreatePreparedStatementResult result = ActionCreatePreparedStatementResult.newBuilder()
                    .setPreparedStatementHandle(request.getQueryBytes())
                    .setDatasetSchema(ByteString.copyFrom(ResultSchemas.ipcBytes(schema)))
                    .build();
            listener.onNext(new Result(Any.pack(result).toByteArray()));
            listener.onCompleted();
        } catch (FlightRuntimeException e) {
            listener.onError(e);
        }
    }

    @Override
    public void closePreparedStatement(ActionClosePreparedStatementRequest request, CallContext context,
            StreamListener<Result> listener) {
        listener.onCompleted();
    }

    @Override
    public FlightInfo getFlightInfoPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
            FlightDescriptor descriptor) {
        requireNotStrict("GetFlightInfo on a prepared statement");
        Schema schema = ResultSchemas.of(database, allocator, command.getPreparedStatementHandle().toStringUtf8());
        return ticketOnly(schema, descriptor, Any.pack(command).toByteArray());
    }

    @Override
    public void getStreamPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
            ServerStreamListener listener) {
        if (strict) {
            listener.error(unimplemented("DoGet on a prepared statement"));
            return;
        }
        execute(command.getPreparedStatementHandle(), context, listener);
    }

    @Override
    public Runnable acceptPutPreparedStatementQuery(CommandPreparedStatementQuery command, CallContext context,
            FlightStream flightStream, StreamListener<PutResult> ackStream) {
        return () -> ackStream.onError(unimplemented("binding parameters to a prepared statement (DoPut)"));
    }

    // ---- catalog --------------------------------------------------------------------------

    @Override
    public FlightInfo getFlightInfoSqlInfo(CommandGetSqlInfo command, CallContext context, FlightDescriptor descriptor) {
        return ticketOnly(FlightSqlProducer.Schemas.GET_SQL_INFO_SCHEMA, descriptor,
                Any.pack(command).toByteArray());
    }

    @Override
    public void getStreamSqlInfo(CommandGetSqlInfo command, CallContext context, ServerStreamListener listener) {
        catalog.sqlInfo(command, listener);
    }

    @Override
    public FlightInfo getFlightInfoTables(CommandGetTables command, CallContext context, FlightDescriptor descriptor) {
        Schema schema = command.getIncludeSchema()
                ? FlightSqlProducer.Schemas.GET_TABLES_SCHEMA
                : FlightSqlProducer.Schemas.GET_TABLES_SCHEMA_NO_SCHEMA;
        return ticketOnly(schema, descriptor, Any.pack(command).toByteArray());
    }

    @Override
    public void getStreamTables(CommandGetTables command, CallContext context, ServerStreamListener listener) {
        catalog.tables(command, listener);
    }

    @Override
    public FlightInfo getFlightInfoCatalogs(CommandGetCatalogs command, CallContext context,
            FlightDescriptor descriptor) {
        requireNotStrict("GetCatalogs");
        return ticketOnly(FlightSqlProducer.Schemas.GET_CATALOGS_SCHEMA, descriptor, Any.pack(command).toByteArray());
    }

    @Override
    public void getStreamCatalogs(CallContext context, ServerStreamListener listener) {
        if (strict) {
            listener.error(unimplemented("GetCatalogs"));
            return;
        }
        catalog.catalogs(listener);
    }

    @Override
    public FlightInfo getFlightInfoSchemas(CommandGetDbSchemas command, CallContext context,
            FlightDescriptor descriptor) {
        requireNotStrict("GetDbSchemas");
        return ticketOnly(FlightSqlProducer.Schemas.GET_SCHEMAS_SCHEMA, descriptor, Any.pack(command).toByteArray());
    }

    @Override
    public void getStreamSchemas(CommandGetDbSchemas command, CallContext context, ServerStreamListener listener) {
        if (strict) {
            listener.error(unimplemented("GetDbSchemas"));
            return;
        }
        catalog.dbSchemas(listener);
    }

    @Override
    public FlightInfo getFlightInfoTableTypes(CommandGetTableTypes command, CallContext context,
            FlightDescriptor descriptor) {
        requireNotStrict("GetTableTypes");
        return ticketOnly(FlightSqlProducer.Schemas.GET_TABLE_TYPES_SCHEMA, descriptor,
                Any.pack(command).toByteArray());
    }

    @Override
    public void getStreamTableTypes(CallContext context, ServerStreamListener listener) {
        if (strict) {
            listener.error(unimplemented("GetTableTypes"));
            return;
        }
        catalog.tableTypes(listener);
    }

    // ---- helpers --------------------------------------------------------------------------

    /** One endpoint without a location: the client fetches it on the channel it already has. */
    private static FlightInfo ticketOnly(Schema schema, FlightDescriptor descriptor, byte[] ticket) {
        return new FlightInfo(schema, descriptor, List.of(new FlightEndpoint(new Ticket(ticket))), -1, -1);
    }

    private void requireNotStrict(String what) {
        if (strict) {
            throw unimplemented(what);
        }
    }

    private static FlightRuntimeException unimplemented(String what) {
        return CallStatus.UNIMPLEMENTED.withDescription(what + " is not implemented by this server")
                .toRuntimeException();
    }
}
