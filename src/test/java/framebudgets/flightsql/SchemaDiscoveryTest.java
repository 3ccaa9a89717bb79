package framebudgets.flightsql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.standin.MicromegasProfile;
import framebudgets.standin.StandinDatabase;
import framebudgets.standin.StandinServer;
import framebudgets.testing.SharedSpark;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Schema discovery asks the server first (GetSchema: nothing runs) and probes with {@code LIMIT 1}
 * only when the server does not answer, as micromegas (the stand-in's newest profile) does not.
 */
class SchemaDiscoveryTest {
    private static final String SQL = "SELECT 42 AS answer, 'x' AS word";

    @AfterEach
    void allocatorsEndAtZero() {
        AllocatorChecks.assertAllClosedAtZero();
    }

    @Test
    void aServerThatAnswersGetSchemaRunsNothing() throws Exception {
        try (StandinDatabase database = StandinDatabase.inMemory();
                StandinServer server = StandinServer.builder(database).profile(MicromegasProfile.V0_11).start()) {
            StructType schema = discover(server);
            assertEquals("answer:int,word:string", simple(schema));
            assertTrue(server.receivedQueries().isEmpty(), "nothing ran: " + server.receivedQueries());
        }
    }

    @Test
    void micromegasAnswersUnimplementedSoTheProbeRuns() throws Exception {
        try (StandinDatabase database = StandinDatabase.inMemory(); StandinServer server = StandinServer.builder(database).start()) {
            StructType schema = discover(server);
            assertEquals("answer:int,word:string", simple(schema));
            assertEquals(1, server.receivedQueries().size());
            assertTrue(server.receivedQueries().get(0).sql().contains("LIMIT 1"), server.receivedQueries().toString());
        }
    }

    private static StructType discover(StandinServer server) {
        return SharedSpark.get().read().format("flightsql").option("uri", server.uri().toString()).option("query", SQL)
                .load().schema();
    }

    private static String simple(StructType schema) {
        return schema.simpleString().replace("struct<", "").replace(">", "");
    }
}
