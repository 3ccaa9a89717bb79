package framebudgets.flightsql;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.util.AutoCloseables;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one input partition as Spark ColumnarBatches over the Flight streams' own vectors (no
 * per-row copy; each batch is valid until the next call to {@link #next()}), plus the partition's
 * constant columns. Like Iceberg's {@code BaseReader}, it is a loop over per-endpoint iterators
 * ({@link EndpointStream}): deliver the current stream's next batch, else close it and open the
 * next endpoint's. Resolving the endpoints and opening each stream up to its first batch is retried
 * on UNAVAILABLE/INTERNAL; later failures fail the task with the server's status and message, or,
 * with {@code on_error = record}, are recorded in the read's {@link FlightSqlFailureLog} (a failure
 * after rows reached Spark only on the task's last attempt: earlier attempts fail so that Spark
 * re-reads the partition). {@link #close()} cancels an unfinished stream, closes the connections
 * and then the task's {@link FlightSqlMemory}, which fails if Arrow memory leaked.
 */
final class FlightSqlPartitionReader implements PartitionReader<ColumnarBatch> {
    private static final Logger LOG = LoggerFactory.getLogger(FlightSqlPartitionReader.class);
    private final FlightSqlOptions options;
    private final StructType schema;
    private final FlightSqlInputPartition partition;
    private final FailureRecording failures;
    private final FlightSqlMemory memory;
    private final Map<URI, FlightSqlConnection> connections = new HashMap<>();
    private final long startNanos = System.nanoTime();

    private Deque<Endpoints.Endpoint> endpoints;
    private EndpointStream current;
    private ColumnarBatch batch;
    private boolean recorded;

    private long rows;
    private long batches;
    private long bytes;
    private long firstBatchMillis;
    private long cancelled;

    FlightSqlPartitionReader(FlightSqlOptions options, StructType schema, FlightSqlInputPartition partition,
                             FailureRecording failures) {
        this.options = options;
        this.schema = schema;
        this.partition = partition;
        this.failures = failures;
        this.memory = new FlightSqlMemory("flightsql partition " + partition.index());
    }

    @Override
    public boolean next() throws IOException {
        if (recorded) {
            return false;
        }
        try {
            while (true) {
                if (current != null && current.next()) {
                    deliver();
                    return true;
                }
                closeCurrent();
                current = openNextEndpoint();
                if (current == null) {
                    return false;
                }
            }
        } catch (FlightSqlException e) {
            if (failures == null || (batches > 0 && !failures.lastAttempt())) {
                throw e;
            }
            recordFailure(e);
            return false;
        }
    }

    @Override
    public ColumnarBatch get() {
        return batch;
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
        try {
            closeCurrent();
        } catch (RuntimeException | IOException closing) {
            LOG.debug("closing the failed stream of partition {}", partition.index(), closing);
        }
        closeConnections(failure);
    }

    /** The next endpoint's stream, opened up to its first batch (retried); null when none is left. */
    private EndpointStream openNextEndpoint() {
        return Retries.onTransientFailure(options, "DoGet", () -> {
            try {
                if (endpoints == null) {
                    endpoints = new ArrayDeque<>(resolveEndpoints());
                }
                while (!endpoints.isEmpty()) {
                    Endpoints.Endpoint endpoint = endpoints.peek();
                    EndpointStream opened = EndpointStream.open(connection(endpoint.location()), endpoint);
                    endpoints.poll();
                    if (opened != null) {
                        batch = null;
                        return opened;
                    }
                }
                return null;
            } catch (FlightSqlException e) {
                closeConnections(e);
                throw e;
            }
        });
    }

    private List<Endpoints.Endpoint> resolveEndpoints() {
        if (partition instanceof FlightSqlInputPartition.Endpoint endpoint) {
            return List.of(endpoint.endpoint());
        }
        FlightSqlQuery query = ((FlightSqlInputPartition.Query) partition).query();
        return Endpoints.of(connection(null).execute(query.sql()));
    }

    private FlightSqlConnection connection(URI location) {
        FlightSqlConnection connection = connections.get(location);
        if (connection == null) {
            connection = FlightSqlConnection.open(options, memory, location, partition.headers());
            connections.put(location, connection);
        }
        return connection;
    }

    private void deliver() {
        VectorSchemaRoot root = current.root();
        if (batch == null) {
            batch = new ColumnarBatch(BatchColumns.of(schema, partition.constants(), root, current.dictionaries(),
                    options.timestamps, current.target()));
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

    /** Closes the current stream (cancelling it on the server if it was not read to its end). */
    private void closeCurrent() throws IOException {
        EndpointStream closing = current;
        current = null;
        batch = null;
        if (closing == null) {
            return;
        }
        if (closing.unfinished()) {
            cancelled++;
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

    /**
     * Spark asks for these last right before {@link #close()}: a stream still open then is the one
     * close cancels, so it is counted already.
     */
    @Override
    public CustomTaskMetric[] currentMetricsValues() {
        return new CustomTaskMetric[] {
            FlightSqlMetrics.task(FlightSqlMetrics.ROWS, rows),
            FlightSqlMetrics.task(FlightSqlMetrics.BATCHES, batches),
            FlightSqlMetrics.task(FlightSqlMetrics.BYTES, bytes),
            FlightSqlMetrics.task(FlightSqlMetrics.FIRST_BATCH_MS, firstBatchMillis),
            FlightSqlMetrics.task(FlightSqlMetrics.CANCELLED, cancelled + (current != null && current.unfinished() ? 1 : 0)),
            FlightSqlMetrics.task(FlightSqlMetrics.PEAK_ARROW_BYTES, memory.peakBytes()),
        };
    }

    @Override
    public void close() throws IOException {
        try {
            closeCurrent();
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
                memory.close();
            }
        }
    }
}
