package framebudgets.flightsql;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.util.AutoCloseables;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.execution.vectorized.ConstantColumnVector;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one input partition as Spark ColumnarBatches over the Flight stream's own vectors (no
 * per-row copy; each batch is valid until the next call to {@link #next()}), plus the query's
 * constant columns as {@link ConstantColumnVector}s. Connecting, and each
 * stream up to its first batch, is retried on UNAVAILABLE; later failures fail the task with the
 * server's status and message, or, with {@code on_error = record}, are recorded in the read's
 * {@link FlightSqlFailureLog} (a failure after rows reached Spark only on the task's last attempt:
 * earlier attempts fail so that Spark re-reads the partition). {@link #close()} cancels an unfinished stream and closes the
 * task's allocator, which fails if Arrow memory leaked.
 */
final class FlightSqlPartitionReader implements PartitionReader<ColumnarBatch> {
    private static final Logger LOG = LoggerFactory.getLogger(FlightSqlPartitionReader.class);
    private final FlightSqlOptions options;
    private final StructType schema;
    private final FlightSqlInputPartition partition;
    private final BufferAllocator allocator = FlightSqlAllocators.open();
    private final Map<URI, FlightSqlConnection> connections = new HashMap<>();
    private final long startNanos = System.nanoTime();
    private final FailureRecording failures;
    private boolean recorded;

    private Deque<Endpoints.Endpoint> endpoints;
    private FlightStream stream;
    private FlightSqlConnection streamConnection;
    private boolean firstBatchPending;
    private boolean streamExhausted;
    private ColumnarBatch batch;

    private long rows;
    private long batches;
    private long bytes;
    private long firstBatchMillis;

    FlightSqlPartitionReader(FlightSqlOptions options, StructType schema, FlightSqlInputPartition partition,
                             FailureRecording failures) {
        this.options = options;
        this.schema = schema;
        this.partition = partition;
        this.failures = failures;
    }

    @Override
    public boolean next() throws IOException {
        if (recorded) {
            return false;
        }
        try {
            return read();
        } catch (FlightSqlException e) {
            if (failures == null || (batches > 0 && !failures.lastAttempt())) {
                throw e;
            }
            recordFailure(e);
            return false;
        }
    }

    /**
     * With {@code on_error = record}: the partition stops delivering rows (those already delivered
     * stay: the caller drops the failed partitions' rows) and its failure goes to the failure log.
     */
    private void recordFailure(FlightSqlException failure) {
        LOG.warn("partition {} {} failed and is recorded (on_error = record): {}", partition.index(),
                partition.constants(), failure.getMessage());
        recorded = true;
        failures.record(new FlightSqlFailure(partition.constants(), failure.getMessage()));
        if (stream != null) {
            try {
                closeStream();
            } catch (RuntimeException | IOException closing) {
                LOG.debug("closing the failed stream of partition {}", partition.index(), closing);
            }
        }
        closeConnections(failure);
    }

    private boolean read() throws IOException {
        while (true) {
            if (stream != null) {
                boolean hasBatch;
                if (firstBatchPending) {
                    hasBatch = true;
                    firstBatchPending = false;
                } else {
                    hasBatch = advance(stream, streamConnection);
                }
                if (hasBatch) {
                    deliver();
                    return true;
                }
                streamExhausted = true;
                closeStream();
            }
            if (!openNextStream()) {
                return false;
            }
        }
    }

    @Override
    public ColumnarBatch get() {
        return batch;
    }

    /** Opens the next endpoint's stream and waits for its first batch; false when none is left. */
    private boolean openNextStream() {
        return Retries.onTransientFailure(options, "DoGet", () -> {
            try {
                if (endpoints == null) {
                    endpoints = new ArrayDeque<>(resolveEndpoints());
                }
                while (!endpoints.isEmpty()) {
                    Endpoints.Endpoint endpoint = endpoints.peek();
                    FlightSqlConnection connection = connection(endpoint.location());
                    FlightStream opened = connection.stream(endpoint.ticket());
                    boolean hasBatch;
                    try {
                        hasBatch = advance(opened, connection);
                    } catch (RuntimeException e) {
                        AutoCloseables.close(e, List.of(opened));
                        throw e;
                    }
                    endpoints.poll();
                    if (hasBatch) {
                        stream = opened;
                        streamConnection = connection;
                        streamExhausted = false;
                        firstBatchPending = true;
                        batch = null;
                        return true;
                    }
                    opened.close();
                }
                return false;
            } catch (FlightSqlException e) {
                closeConnections(e);
                throw e;
            }
        });
    }

    private List<Endpoints.Endpoint> resolveEndpoints() {
        if (partition.ticket() != null) {
            URI location = partition.location() == null ? null : URI.create(partition.location());
            return List.of(new Endpoints.Endpoint(new Ticket(partition.ticket()), location));
        }
        return Endpoints.of(connection(null).execute(partition.sql()));
    }

    private FlightSqlConnection connection(URI location) {
        FlightSqlConnection connection = connections.get(location);
        if (connection == null) {
            connection = FlightSqlConnection.open(options, allocator, location, partition.headers());
            connections.put(location, connection);
        }
        return connection;
    }

    private static boolean advance(FlightStream stream, FlightSqlConnection connection) {
        try {
            return stream.next();
        } catch (FlightRuntimeException e) {
            throw connection.failure(e);
        }
    }

    private void deliver() {
        VectorSchemaRoot root = stream.getRoot();
        if (batch == null) {
            batch = new ColumnarBatch(columns(root));
        }
        int rowCount = root.getRowCount();
        batch.setNumRows(rowCount);
        if (batches == 0) {
            firstBatchMillis = (System.nanoTime() - startNanos) / 1_000_000;
        }
        batches++;
        rows += rowCount;
        for (FieldVector vector : root.getFieldVectors()) {
            bytes += vector.getBufferSize();
        }
    }

    private ColumnVector[] columns(VectorSchemaRoot root) {
        ColumnVector[] columns = new ColumnVector[schema.fields().length];
        for (int i = 0; i < columns.length; i++) {
            StructField field = schema.fields()[i];
            String constant = partition.constants().get(field.name());
            if (constant != null) {
                columns[i] = constantColumn(field, constant, root.getRowCount());
                continue;
            }
            FieldVector vector = root.getVector(field.name());
            if (vector == null) {
                List<String> names = new ArrayList<>();
                root.getSchema().getFields().forEach(f -> names.add(f.getName()));
                throw new IllegalStateException("column \"" + field.name() + "\" of the Spark schema is not in the result of "
                        + streamConnection.target() + " (it has " + names + ")");
            }
            columns[i] = ArrowToSpark.column(vector, field.name(), stream.getDictionaryProvider(), options.timestamps);
            if (!columns[i].dataType().sameType(field.dataType())) {
                throw new IllegalStateException("column \"" + field.name() + "\": the server sends " + vector.getField().getType()
                        + " (Spark " + columns[i].dataType().simpleString() + ") but the schema says "
                        + field.dataType().simpleString());
            }
        }
        return columns;
    }

    /** The same string on every row, held once (it is never null, so its row count only matters for null counts). */
    private static ColumnVector constantColumn(StructField field, String value, int rows) {
        if (!(field.dataType() instanceof StringType)) {
            throw new IllegalStateException("column \"" + field.name() + "\" is a constant of option queries, a string, "
                    + "but the schema says " + field.dataType().simpleString());
        }
        ConstantColumnVector column = new ConstantColumnVector(rows, DataTypes.StringType);
        column.setUtf8String(UTF8String.fromString(value));
        return column;
    }

    private void closeStream() throws IOException {
        FlightStream closing = stream;
        stream = null;
        batch = null;
        if (!streamExhausted) {
            FlightSqlStreams.countCancelled();
            closing.cancel("Spark stopped reading", null);
        }
        try {
            closing.close();
        } catch (RuntimeException | IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("closing the Flight stream of partition " + partition.index() + " failed", e);
        }
    }

    private void closeConnections(Throwable failure) {
        AutoCloseables.close(failure, new ArrayList<>(connections.values()));
        connections.clear();
    }

    @Override
    public CustomTaskMetric[] currentMetricsValues() {
        return new CustomTaskMetric[] {
            FlightSqlMetrics.task(FlightSqlMetrics.ROWS, rows),
            FlightSqlMetrics.task(FlightSqlMetrics.BATCHES, batches),
            FlightSqlMetrics.task(FlightSqlMetrics.BYTES, bytes),
            FlightSqlMetrics.task(FlightSqlMetrics.FIRST_BATCH_MS, firstBatchMillis),
        };
    }

    @Override
    public void close() throws IOException {
        try {
            if (stream != null) {
                closeStream();
            }
        } finally {
            try {
                AutoCloseables.close(connections.values());
                connections.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while closing Flight connections", e);
            } catch (RuntimeException | IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("closing the Flight connections failed", e);
            } finally {
                FlightSqlAllocators.close(allocator);
            }
        }
    }
}
