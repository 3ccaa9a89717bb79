package framebudgets.standin.telemetry;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.HeaderCallOption;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;

/**
 * Pulls a time window from any micromegas Flight SQL server (the real one or the stand-in) into a
 * replay directory ({@link ParquetLayout}): processes, streams and blocks of the window, and the
 * thread spans of every CPU stream with blocks in it. micromegas has no Parquet export of its own.
 * Each result is spooled to a temporary Arrow IPC file (memory stays bounded), its timestamps
 * retagged as naive UTC nanoseconds (DuckDB would cut zoned ones to microseconds), and written to
 * Parquet by DuckDB. Properties are kept as the server sends them (JSONB on newer servers).
 */
public final class FlightExport {
    private static final String ANY_TICKET_TYPE = "type.googleapis.com/arrow.flight.protocol.sql.TicketStatementQuery";

    private final URI uri;
    private final String token;
    private final Instant from;
    private final Instant to;

    /** {@code token} is the bearer token or null; it is only ever sent as the authorization header. */
    public FlightExport(URI uri, String token, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("--from (" + from + ") must be before --to (" + to + ")");
        }
        String scheme = uri.getScheme();
        if (!"grpc".equals(scheme) && !"grpc+tls".equals(scheme)) {
            throw new IllegalArgumentException("--export-from: '" + uri + "' must be grpc://host:port or grpc+tls://host:port");
        }
        this.uri = uri;
        this.token = token;
        this.from = from;
        this.to = to;
    }

    /** Writes the window into {@code directory} (created); {@code duck} is a scratch DuckDB connection. */
    public Summary export(Connection duck, Path directory) throws IOException, SQLException {
        Files.createDirectories(directory.resolve(ParquetLayout.THREAD_SPANS));
        Path spool = Files.createTempDirectory("micromegas-export");
        try (BufferAllocator allocator = new RootAllocator();
                FlightClient client = FlightClient.builder(allocator, location()).build()) {
            Query query = new Query(client, allocator, duck, spool);
            long processes = query.toParquet("SELECT * FROM processes", directory.resolve(ParquetLayout.PROCESSES));
            long streams = query.toParquet("SELECT * FROM streams", directory.resolve(ParquetLayout.STREAMS));
            long blocks = query.toParquet("SELECT * FROM blocks", directory.resolve(ParquetLayout.BLOCKS));
            List<String> cpuStreams = new ArrayList<>();
            try (Statement statement = duck.createStatement();
                    java.sql.ResultSet rows = statement.executeQuery("SELECT DISTINCT stream_id FROM read_parquet("
                            + ParquetLayout.literal(directory.resolve(ParquetLayout.BLOCKS))
                            + ") WHERE list_contains(\"streams.tags\", 'cpu') ORDER BY stream_id")) {
                while (rows.next()) {
                    cpuStreams.add(java.util.UUID.fromString(rows.getString(1)).toString());
                }
            }
            long spans = 0;
            for (String stream : cpuStreams) {
                spans += query.toParquet("SELECT * FROM view_instance('thread_spans', '" + stream + "')",
                        ParquetLayout.spansFile(directory, java.util.UUID.fromString(stream)));
            }
            return new Summary(processes, streams, blocks, cpuStreams.size(), spans);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while closing the Flight client", e);
        } finally {
            try (var files = Files.list(spool)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(spool);
        }
    }

    /** Rows written per file kind. */
    public record Summary(long processes, long streams, long blocks, long cpuStreams, long spans) {}

    private Location location() {
        return "grpc+tls".equals(uri.getScheme()) ? Location.forGrpcTls(uri.getHost(), uri.getPort())
                : Location.forGrpcInsecure(uri.getHost(), uri.getPort());
    }

    private CallOption headers() {
        FlightCallHeaders headers = new FlightCallHeaders();
        headers.insert("query_range_begin", from.toString());
        headers.insert("query_range_end", to.toString());
        headers.insert("x-client-type", "frame-budgets-export");
        if (token != null) {
            headers.insert("authorization", "Bearer " + token);
        }
        return new HeaderCallOption(headers);
    }

    /** Runs statements with DoGet (an Any-packed ticket, as micromegas' Python client does). */
    private final class Query {
        private final FlightClient client;
        private final BufferAllocator allocator;
        private final DuckDBConnection duck;
        private final Path spool;

        Query(FlightClient client, BufferAllocator allocator, Connection duck, Path spool) throws SQLException {
            this.client = client;
            this.allocator = allocator;
            this.duck = duck.unwrap(DuckDBConnection.class);
            this.spool = spool;
        }

        long toParquet(String sql, Path file) throws IOException, SQLException {
            Path ipc = spool.resolve("result.arrows");
            long rows = spoolResult(sql, ipc);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(ipc));
                    ArrowStreamReader reader = new ArrowStreamReader(in, allocator);
                    ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
                Data.exportArrayStream(allocator, reader, stream);
                duck.registerArrowStream("mm_export_result", stream);
                try (Statement statement = duck.createStatement()) {
                    statement.execute("COPY (SELECT * FROM mm_export_result) TO " + ParquetLayout.literal(file)
                            + " (FORMAT parquet)");
                }
            } finally {
                Files.deleteIfExists(ipc);
            }
            return rows;
        }

        private long spoolResult(String sql, Path ipc) throws IOException {
            byte[] ticket = com.google.protobuf.Any.pack(TicketStatementQuery.newBuilder()
                    .setStatementHandle(com.google.protobuf.ByteString.copyFromUtf8(sql)).build()).toByteArray();
            long rows = 0;
            try (FlightStream stream = client.getStream(new Ticket(ticket), headers());
                    OutputStream out = new BufferedOutputStream(Files.newOutputStream(ipc))) {
                VectorSchemaRoot source = stream.getRoot();
                Schema naive = naiveTimestamps(source.getSchema());
                try (VectorSchemaRoot target = VectorSchemaRoot.create(naive, allocator);
                        ArrowStreamWriter writer = new ArrowStreamWriter(target, null, out)) {
                    writer.start();
                    while (stream.next()) {
                        try (ArrowRecordBatch batch = new VectorUnloader(source).getRecordBatch()) {
                            new VectorLoader(target).load(batch);
                        }
                        rows += target.getRowCount();
                        writer.writeBatch();
                    }
                    writer.end();
                }
            } catch (Exception e) {
                if (e instanceof IOException io) {
                    throw io;
                }
                if (e instanceof RuntimeException r) {
                    throw new IllegalStateException("export query failed: " + sql + ": " + r.getMessage(), r);
                }
                throw new IOException(e);
            }
            return rows;
        }
    }

    /** The schema with every zoned timestamp made naive (values are UTC epoch units either way). */
    static Schema naiveTimestamps(Schema schema) {
        List<Field> fields = new ArrayList<>();
        for (Field f : schema.getFields()) {
            fields.add(naive(f));
        }
        return new Schema(fields);
    }

    private static Field naive(Field f) {
        ArrowType type = f.getType();
        if (type instanceof ArrowType.Timestamp ts && ts.getTimezone() != null) {
            type = new ArrowType.Timestamp(ts.getUnit(), null);
        }
        List<Field> children = new ArrayList<>();
        for (Field c : f.getChildren()) {
            children.add(naive(c));
        }
        return new Field(f.getName(), new FieldType(f.isNullable(), type, f.getDictionary(), f.getMetadata()), children);
    }

}
