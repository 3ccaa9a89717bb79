package framebudgets.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.arrow.flight.FlightRuntimeException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StandinMainTest {

    private static final String[] SMALL = {"--port", "0", "--processes", "1", "--minutes", "0.2",
        "--spans-per-frame", "150", "--workers", "1"};

    @Test
    void servesGeneratedTelemetryWithKeysFromArgumentsAndEnvironment() throws Exception {
        String[] args = concat(SMALL, "--api-key", "cli=cli-secret", "--seed", "7", "--basic-user", "eve=eve-pass");
        Map<String, String> env = Map.of("MICROMEGAS_API_KEYS", "[{\"name\": \"ci\", \"key\": \"env-secret\"}]");
        try (StandinMain.Running running = StandinMain.launch(args, env)) {
            assertTrue(running.server().uri().toString().startsWith("grpc://127.0.0.1:"));
            for (String token : new String[] {"cli-secret", "env-secret"}) {
                try (StandinTestClient client = StandinTestClient.plaintext(running.server(), token)) {
                    StandinTestClient.Rows rows = client.query("SELECT count(*) AS n FROM processes");
                    assertEquals(1L, ((Number) rows.rows().get(0).get(0)).longValue());
                    StandinTestClient.Rows frames = client.query("SELECT count(*) AS n FROM view_instance('thread_spans', "
                            + "(SELECT stream_id FROM streams LIMIT 1)) LIMIT 1",
                            Map.of("query_range_begin", "2025-07-24T12:00:00Z", "query_range_end", "2025-07-24T13:00:00Z"));
                    assertFalse(frames.rows().isEmpty());
                }
            }
            try (StandinTestClient eve = StandinTestClient.plaintext(running.server(), null)) {
                assertTrue(eve.flight.authenticateBasicToken("eve", "eve-pass").isPresent());
            }
            try (StandinTestClient client = StandinTestClient.plaintext(running.server(), "wrong")) {
                assertThrows(FlightRuntimeException.class, () -> client.query("SELECT 1"));
            }
        }
    }

    @Test
    void badArgumentsNameTheOptionAtFault() {
        assertTrue(assertThrows(CommandLine.ParameterException.class,
                () -> StandinMain.launch(new String[] {"--port", "many"}, Map.of())).getMessage().contains("--port"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> StandinMain.launch(concat(SMALL, "--fps", "0"), Map.of())).getMessage().contains("--fps"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> StandinMain.launch(concat(SMALL, "--tls-cert", "x.pem"), Map.of())).getMessage().contains("--tls-key"));
        String badJson = assertThrows(IllegalArgumentException.class,
                () -> StandinMain.launch(SMALL, Map.of("MICROMEGAS_API_KEYS", "[{\"name\": \"a\", \"key\": \"s3cret\"}"))).getMessage();
        assertTrue(badJson.contains("MICROMEGAS_API_KEYS") && !badJson.contains("s3cret"), badJson);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> StandinMain.launch(concat(SMALL, "--replay", "/nonexistent-dir"), Map.of())).getMessage()
                .contains("/nonexistent-dir"));
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
