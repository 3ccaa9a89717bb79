package framebudgets.standin;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;
import org.apache.arrow.flight.BackpressureStrategy;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DoGet: runs the statement on its own DuckDB connection (with the request's range variables)
 * and streams DuckDB's Arrow export to the client, waiting for the client when it reads slower,
 * and stopping DuckDB when the client cancels or the server closes.
 */
final class QueryExecution implements Runnable {

    static final int BATCH_ROWS = 8192;

    private static final Logger LOG = LoggerFactory.getLogger(QueryExecution.class);
    private static final long READY_POLL_MILLIS = 1000;

    private final StandinDatabase database;
    private final BufferAllocator allocator;
    private final String sql;
    private final QueryOptions options;
    private final ServerStreamListener listener;
    private final Runnable onFinished;
    private final StreamFaults faults;
    private final MicromegasProfile profile;
    private final OptionalLong materializedBeforeNanos;
    private final Backpressure backpressure = new Backpressure();
    private volatile boolean clientGone;
    private volatile boolean shuttingDown;
    private volatile Statement statement;

    QueryExecution(StandinDatabase database, BufferAllocator allocator, String sql, QueryOptions options,
            ServerStreamListener listener, StreamFaults faults, MicromegasProfile profile,
            OptionalLong materializedBeforeNanos, Runnable onFinished) {
        this.profile = profile;
        this.materializedBeforeNanos = materializedBeforeNanos;
        this.database = database;
        this.allocator = allocator;
        this.sql = sql;
        this.options = options;
        this.listener = listener;
        this.onFinished = onFinished;
        this.faults = faults;
        backpressure.register(listener);
    }

    /** The server is closing: stop DuckDB and end the call with UNAVAILABLE. */
    void stopForShutdown() {
        shuttingDown = true;
        stopDuckDB();
    }

    private void clientCancelled() {
        clientGone = true;
        stopDuckDB();
    }

    private boolean stopped() {
        return clientGone || shuttingDown;
    }

    private void stopDuckDB() {
        backpressure.interruptWait();
        Statement running = statement;
        if (running != null) {
            try {
                running.cancel();
            } catch (SQLException e) {
                LOG.debug("cancelling a DuckDB statement failed: {}", e.getMessage());
            }
        }
    }

    @Override
    public void run() {
        try (DuckDBConnection connection = database.newDuckDBConnection()) {
            SqlStatements.setRequestVariables(connection, options.range(), profile, materializedBeforeNanos);
            try (Statement created = connection.createStatement()) {
                statement = created;
                if (!stopped()) {
                    stream(created);
                }
            } catch (SQLException e) {
                throw new SQLException(SqlStatements.diagnosed(connection, sql, e), e);
            }
        } catch (SQLException e) {
            fail("error building dataframe: " + e.getMessage(), true);
        } catch (StreamFailure e) {
            fail("error building data stream: " + e.getMessage(), false);
        } catch (IOException | RuntimeException e) {
            LOG.warn("query failed", e);
            fail("error building data stream: " + e, false);
        } finally {
            statement = null;
            if (shuttingDown && !clientGone) {
                listener.error(CallStatus.UNAVAILABLE.withDescription("the stand-in server is shutting down")
                        .toRuntimeException());
            }
            onFinished.run();
        }
    }

    private void stream(Statement created) throws SQLException, IOException {
        try (ResultSet results = created.executeQuery(SqlStatements.executable(sql, options.limit()));
                ArrowReader reader = (ArrowReader) ((DuckDBResultSet) results).arrowExportStream(allocator, BATCH_ROWS);
                ResultReshaper reshaper = new ResultReshaper(reader.getVectorSchemaRoot(), reader, allocator,
                        profile == MicromegasProfile.NEWEST)) {
            listener.start(reshaper.target());
            long batches = 0;
            while (awaitClient()) {
                if (!loadNextBatch(reader)) {
                    if (!stopped()) {
                        listener.completed();
                    }
                    return;
                }
                RuntimeException cut = faults.cutBefore(++batches);
                if (cut != null) {
                    LOG.warn("{}", cut.getMessage());
                    listener.error(cut);
                    return;
                }
                reshaper.reshapeCurrentBatch();
                listener.putNext();
            }
        }
    }

    private boolean loadNextBatch(ArrowReader reader) {
        try {
            return reader.loadNextBatch();
        } catch (IOException | RuntimeException e) {
            if (stopped()) {
                return false;
            }
            throw new StreamFailure(e.getMessage(), e);
        }
    }

    /** Waits until the client can take another batch; false when the call is over. */
    private boolean awaitClient() {
        while (!stopped()) {
            BackpressureStrategy.WaitResult result = backpressure.waitForListener(READY_POLL_MILLIS);
            if (result == BackpressureStrategy.WaitResult.READY) {
                return true;
            }
            if (result == BackpressureStrategy.WaitResult.CANCELLED) {
                clientGone = true;
            }
        }
        return false;
    }

    private void fail(String message, boolean whilePlanning) {
        if (stopped()) {
            return;
        }
        LOG.debug("query failed: {}", message);
        listener.error(FailureStatus.of(profile, message, whilePlanning));
    }

    /** DuckDB failed after the stream started (the schema was already sent). */
    private static final class StreamFailure extends RuntimeException {
        StreamFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Callback-driven waiting that also stops DuckDB as soon as the client cancels. */
    private final class Backpressure extends BackpressureStrategy.CallbackBackpressureStrategy {
        @Override
        protected void cancelCallback() {
            clientCancelled();
        }

        @Override
        protected boolean shouldContinueWaiting(ServerStreamListener waitedOn, long remainingMillis) {
            return !stopped() && super.shouldContinueWaiting(waitedOn, remainingMillis);
        }
    }
}
