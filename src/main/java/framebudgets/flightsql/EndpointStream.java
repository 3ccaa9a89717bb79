package framebudgets.flightsql;

import java.util.List;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.util.AutoCloseables;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;

/**
 * One endpoint's DoGet stream as an iterator of Arrow batches. It is opened up to its first batch,
 * so a failure before any row reached Spark can be retried by the caller; {@link #close()} cancels
 * the server's stream unless it was read to its end (Spark stopped early: a {@code limit}, a failed
 * task). Failures come out as {@link FlightSqlException}s naming the server.
 */
final class EndpointStream implements AutoCloseable {
    private final FlightStream stream;
    private final FlightSqlConnection connection;
    private boolean firstBatchPending = true;
    private boolean exhausted;

    private EndpointStream(FlightStream stream, FlightSqlConnection connection) {
        this.stream = stream;
        this.connection = connection;
    }

    /** DoGet of {@code endpoint} on {@code connection} up to its first batch; null when it has none. */
    static EndpointStream open(FlightSqlConnection connection, Endpoints.Endpoint endpoint) throws Exception {
        FlightStream stream = connection.stream(endpoint.ticket());
        boolean hasBatch;
        try {
            hasBatch = advance(stream, connection);
        } catch (RuntimeException e) {
            AutoCloseables.close(e, List.of(stream));
            throw e;
        }
        if (!hasBatch) {
            stream.close();
            return null;
        }
        return new EndpointStream(stream, connection);
    }

    /** Moves to the next batch (the first one is already there); false at the end of the stream. */
    boolean next() {
        if (firstBatchPending) {
            firstBatchPending = false;
            return true;
        }
        if (exhausted) {
            return false;
        }
        exhausted = !advance(stream, connection);
        return !exhausted;
    }

    /** The current batch; its vectors are reused by the next call to {@link #next()}. */
    VectorSchemaRoot root() {
        return stream.getRoot();
    }

    DictionaryProvider dictionaries() {
        return stream.getDictionaryProvider();
    }

    String target() {
        return connection.target();
    }

    /** Whether closing now cancels the server's stream (it was not read to its end). */
    boolean unfinished() {
        return !exhausted;
    }

    @Override
    public void close() throws Exception {
        if (unfinished()) {
            stream.cancel("Spark stopped reading", null);
        }
        stream.close();
    }

    private static boolean advance(FlightStream stream, FlightSqlConnection connection) {
        try {
            return stream.next();
        } catch (FlightRuntimeException e) {
            throw connection.failure(e);
        }
    }
}
