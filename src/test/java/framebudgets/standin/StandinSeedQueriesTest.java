package framebudgets.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;

/**
 * The SQL of micromegas' own frame-budget client (contract §4.1), sent verbatim over Flight SQL:
 * DataFusion's bare {@code end} column reaches DuckDB through the server's dialect bridge.
 */
class StandinSeedQueriesTest {

    private static final String[] SMALL = {"--port", "0", "--processes", "1", "--minutes", "0.2",
        "--spans-per-frame", "150", "--workers", "1"};

    @Test
    void getFramesWithBareEndRunsAsTheSeedClientSendsIt() throws Exception {
        try (StandinMain.Running running = StandinMain.launch(SMALL, Map.of());
                StandinTestClient client = StandinTestClient.plaintext(running.server(), null)) {
            Map<String, String> range = Map.of("query_range_begin", "2025-07-24T12:00:00+00:00",
                    "query_range_end", "2025-07-24T12:00:12+00:00");
            StandinTestClient.Rows stream = client.query("SELECT stream_id FROM blocks WHERE process_id = "
                    + "(SELECT process_id FROM processes LIMIT 1) AND property_get(\"streams.properties\", "
                    + "'thread-name') = 'GameThread' LIMIT 1", range);
            String streamId = String.valueOf(stream.value(0, 0));

            String getFrames = "SELECT begin, end FROM view_instance('thread_spans', '" + streamId + "') "
                    + "WHERE name = 'FEngineLoop::Tick' AND begin >= '2025-07-24T12:00:02+00:00' "
                    + "AND end <= '2025-07-24T12:00:07.000000000+00:00' ORDER BY begin";
            StandinTestClient.Rows frames = client.query(getFrames, Map.of(
                    "query_range_begin", "2025-07-24T12:00:02+00:00", "query_range_end", "2025-07-24T12:00:07+00:00"));

            assertEquals(List.of("begin", "end"), frames.schema().getFields().stream().map(f -> f.getName()).toList());
            assertEquals(new ArrowType.Timestamp(TimeUnit.NANOSECOND, "+00:00"), frames.schema().getFields().get(1).getType());
            assertTrue(frames.rows().size() > 250 && frames.rows().size() <= 300, "~60 frames per second over 5 s: "
                    + frames.rows().size());
            Instant lastEnd = Instant.parse("2025-07-24T12:00:07Z");
            for (List<Object> frame : frames.rows()) {
                assertTrue(((Long) frame.get(0)) < (Long) frame.get(1), "a frame begins before it ends: " + frame);
                assertTrue((Long) frame.get(1) <= lastEnd.getEpochSecond() * 1_000_000_000L, "inside the range: " + frame);
            }
            List<StandinServer.ReceivedQuery> received = running.server().receivedQueries();
            assertEquals(getFrames, received.get(received.size() - 1).sql(), "the log keeps the client's own SQL");
        }
    }
}
