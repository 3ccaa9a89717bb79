package framebudgets.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import framebudgets.testing.SharedSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The official micromegas Python client (micromegas==0.32.0 from the package index, installed by
 * {@code scripts/python-env}) works against the stand-in's default (newest) surface: its
 * {@code query}, {@code query_stream} and helper calls ({@code find_process}, {@code query_streams},
 * {@code query_blocks}, {@code query_spans}) read the same rows as the same queries through our
 * {@code flightsql} source. Without a working Python environment the test fails; it never skips.
 */
class OfficialPythonClientTest {
    private static final String BEGIN = "2025-07-24T11:59:00+00:00";
    private static final String END = "2025-07-24T12:10:00+00:00";

    @Test
    void officialClientReadsWhatOurSourceReads() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        String python = pythonInterpreter(root);
        try (StandinMain.Running standin = StandinMain.launch(new String[] {"--port", "0", "--processes", "2",
                "--minutes", "0.2", "--workers", "1", "--spans-per-frame", "60"}, Map.of())) {
            String uri = standin.server().uri().toString();
            JsonNode python0 = new ObjectMapper().readTree(run(List.of(python,
                    root.resolve("src/test/python/official_client_queries.py").toString(), uri, BEGIN, END), 300));
            assertEquals("0.32.0", python0.get("client_version").asText());

            List<Row> processes = read(uri, "SELECT process_id, exe, property_get(properties, 'build-version') AS build "
                    + "FROM processes ORDER BY process_id");
            assertEquals(processes.size(), python0.get("processes").size());
            for (int i = 0; i < processes.size(); i++) {
                JsonNode p = python0.get("processes").get(i);
                assertEquals(processes.get(i).getString(0), p.get(0).asText());
                assertEquals(processes.get(i).getString(1), p.get(1).asText());
                assertEquals(processes.get(i).getString(2), p.get(2).asText());
            }
            String pid = processes.get(0).getString(0);
            assertEquals(1, python0.get("find_process").get("rows").asInt());
            assertEquals("bytes", python0.get("find_process").get("properties_type").asText(),
                    "the newest surface sends properties as Binary JSONB");
            List<String> cpu = new ArrayList<>();
            read(uri, "SELECT stream_id FROM streams WHERE process_id = '" + pid + "' AND array_has(tags, 'cpu') "
                    + "ORDER BY stream_id").forEach(r -> cpu.add(r.getString(0)));
            List<String> pythonCpu = new ArrayList<>();
            python0.get("cpu_streams").forEach(n -> pythonCpu.add(n.asText()));
            assertEquals(cpu, pythonCpu);
            String sid = python0.get("main_stream").asText();
            Row blocks = read(uri, "SELECT count(*), CAST(sum(nb_objects) AS BIGINT) FROM blocks WHERE stream_id = '" + sid + "'").get(0);
            assertEquals(blocks.getLong(0), python0.get("blocks").get("rows").asLong());
            assertEquals(blocks.getLong(1), python0.get("blocks").get("nb_objects").asLong());
            assertEquals(5, python0.get("query_spans_rows").asInt(), "query_spans honours its limit");
            Row spans = read(uri, "SELECT count(*), CAST(sum(duration) AS BIGINT), count(DISTINCT name) FROM view_instance('thread_spans', '"
                    + sid + "') WHERE depth > 0").get(0);
            assertTrue(spans.getLong(0) > 100, "the stream has spans: " + spans);
            assertEquals(spans.getLong(0), python0.get("spans").get("rows").asLong());
            assertEquals(spans.getLong(1), python0.get("spans").get("duration").asLong());
            assertEquals(spans.getLong(2), python0.get("spans").get("names").asLong());
        }
    }

    private static List<Row> read(String uri, String sql) {
        return SharedSpark.get().read().format("flightsql").option("uri", uri).option("query", sql)
                .option("headers.query_range_begin", BEGIN).option("headers.query_range_end", END).load().collectAsList();
    }

    /** The venv's interpreter from scripts/python-env; a failure to build it fails the test with its output. */
    private static String pythonInterpreter(Path root) throws Exception {
        String out = run(List.of(root.resolve("scripts/python-env").toString()), 900).strip();
        if (out.isEmpty() || !Files.isExecutable(Path.of(out))) {
            fail("scripts/python-env printed no usable interpreter: '" + out + "'");
        }
        return out;
    }

    private static String run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile("python", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            byte[] stdout = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(command.get(0) + " did not finish in " + timeoutSeconds + " s");
            }
            if (process.exitValue() != 0) {
                fail(command + " failed (exit " + process.exitValue() + "); the official Python client cannot be checked: "
                        + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            return new String(stdout, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(stderr);
        }
    }
}
