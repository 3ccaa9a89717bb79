package framebudgets.micromegas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.flightsql.FlightSqlQuery;
import framebudgets.standin.StandinDatabase;
import framebudgets.standin.StandinServer;
import framebudgets.testing.SharedSpark;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** micromegas' range headers: nanosecond RFC 3339 in UTC, per query or for a whole read, sent as they are. */
class QueryRangeTest {
    private static final Instant BEGIN = Instant.parse("2024-05-01T08:00:00.123456789Z");
    private static final Instant END = Instant.parse("2024-05-01T12:00:00Z");

    @Test
    void boundsAreSentAsNanosecondRfc3339InUtc() {
        FlightSqlQuery query = QueryRange.on(FlightSqlQuery.of("SELECT 1"), BEGIN, END);
        assertEquals("2024-05-01T08:00:00.123456789+00:00", query.headers().get(QueryRange.BEGIN));
        assertEquals("2024-05-01T12:00:00.000000000+00:00", query.headers().get(QueryRange.END));
        assertEquals(Map.of("headers.query_range_begin", "2024-05-01T08:00:00.123456789+00:00",
                "headers.query_range_end", "2024-05-01T12:00:00.000000000+00:00"), QueryRange.options(BEGIN, END));
        Exception reversed = assertThrows(IllegalArgumentException.class, () -> QueryRange.options(END, BEGIN));
        assertTrue(reversed.getMessage().contains("after it ends"), reversed.getMessage());
    }

    @Test
    void aReadWithTheRangeOptionsSendsBothHeaders() throws Exception {
        try (StandinDatabase database = StandinDatabase.inMemory(); StandinServer server = StandinServer.builder(database).start()) {
            SharedSpark.get().read().format("flightsql").option("uri", server.uri().toString())
                    .options(QueryRange.options(BEGIN, END)).option("query", "SELECT 42 AS answer").load().collectAsList();
            List<StandinServer.ReceivedQuery> received = server.receivedQueries();
            StandinServer.ReceivedQuery last = received.get(received.size() - 1);
            assertTrue(last.sql().contains("SELECT 42 AS answer"), last.sql());
            assertEquals("2024-05-01T08:00:00.123456789+00:00", last.headers().get(QueryRange.BEGIN));
            assertEquals("2024-05-01T12:00:00.000000000+00:00", last.headers().get(QueryRange.END));
        }
    }
}
