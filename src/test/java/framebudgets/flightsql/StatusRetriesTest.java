package framebudgets.flightsql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.standin.MicromegasProfile;
import framebudgets.standin.StandinDatabase;
import framebudgets.standin.StandinServer;
import framebudgets.testing.SharedSpark;
import org.junit.jupiter.api.Test;

/**
 * Which gRPC statuses the source retries, over real gRPC: micromegas 0.29+ answers a bad query with
 * INVALID_ARGUMENT, which fails at once with the server's message and query id; INTERNAL (what 0.11
 * answers for everything) is retried like UNAVAILABLE.
 */
class StatusRetriesTest {

    @Test
    void invalidArgumentIsNotRetriedAndKeepsTheQueryId() throws Exception {
        try (StandinDatabase database = StandinDatabase.inMemory();
                StandinServer server = StandinServer.builder(database).start()) {
            String failure = assertThrows(Exception.class, () -> read(server, 4)).getMessage();
            assertTrue(failure.contains("failed: INVALID_ARGUMENT: ") && failure.contains("no_such_table")
                    && failure.contains("(query_id=") && failure.contains("not retried"), failure);
            assertEquals(1, server.receivedQueries().size(), "asked once");
        }
    }

    @Test
    void internalIsRetried() throws Exception {
        try (StandinDatabase database = StandinDatabase.inMemory();
                StandinServer server = StandinServer.builder(database).profile(MicromegasProfile.V0_11).start()) {
            String failure = assertThrows(Exception.class, () -> read(server, 3)).getMessage();
            assertTrue(failure.contains("failed: INTERNAL: "), failure);
            assertEquals(3, server.receivedQueries().size(), "asked retry.max_attempts times");
        }
    }

    private static void read(StandinServer server, int attempts) {
        SharedSpark.get().read().format("flightsql").option("uri", server.uri().toString())
                .option("query", "SELECT * FROM no_such_table")
                .schema("x INT").option("retry.max_attempts", Integer.toString(attempts))
                .option("retry.initial_backoff_ms", "10").load().collectAsList();
    }
}
