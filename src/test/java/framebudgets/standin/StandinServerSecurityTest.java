package framebudgets.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.testing.TestCertificates;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.FlightStatusCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API keys, TLS and mTLS of the stand-in, each checked with a separate real client. */
class StandinServerSecurityTest {

    @TempDir
    static Path certificateDir;

    private static TestCertificates certificates;

    @BeforeAll
    static void generateCertificates() {
        certificates = TestCertificates.writeTo(certificateDir);
    }

    @Test
    void apiKeysAreCheckedOnEveryCallWithMicromegasMessages() throws Exception {
        try (StandinDatabase database = StandinDatabase.inMemory();
                StandinServer server = StandinServer.builder(database)
                        .apiKeys(Map.of("alice", "key-alice", "bob", "key-bob")).start()) {
            try (StandinTestClient bob = StandinTestClient.plaintext(server, "key-bob")) {
                assertEquals(List.of(List.of(1)), bob.query("SELECT 1 AS one").rows());
            }
            assertUnauthenticated(server, null, Map.of(), "missing authorization header");
            assertUnauthenticated(server, null, Map.of("authorization", "Basic a2V5LWJvYg=="), "Invalid auth header");
            assertUnauthenticated(server, "key-carol", Map.of(), "invalid API token");
        }
    }

    @Test
    void basicUsersHandshakeForABearerTokenNextToApiKeys() throws Exception {
        try (StandinDatabase database = StandinDatabase.inMemory();
                StandinServer server = StandinServer.builder(database).apiKeys(Map.of("alice", "key-alice"))
                        .basicUsers(Map.of("dan", "dan-password")).start();
                StandinTestClient dan = StandinTestClient.plaintext(server, null)) {
            CredentialCallOption token = dan.flight.authenticateBasicToken("dan", "dan-password").orElseThrow();
            assertEquals(List.of(List.of(3)), dan.read(dan.ticket("SELECT 3 AS three", token), token).rows());

            FlightRuntimeException wrong = assertThrows(FlightRuntimeException.class,
                    () -> dan.flight.authenticateBasicToken("dan", "wrong-password"));
            assertEquals(FlightStatusCode.UNAUTHENTICATED, wrong.status().code());
            assertFalse(wrong.getMessage().contains("wrong-password"), wrong.getMessage());
            try (StandinTestClient alice = StandinTestClient.plaintext(server, "key-alice")) {
                assertEquals(List.of(List.of(1)), alice.query("SELECT 1 AS one").rows());
            }
            assertUnauthenticated(server, "key-carol", Map.of(), "invalid API token");
            assertUnauthenticated(server, null, Map.of(), "missing authorization header");
        }
    }

    private static void assertUnauthenticated(StandinServer server, String token, Map<String, String> headers,
            String message) throws Exception {
        try (StandinTestClient client = StandinTestClient.plaintext(server, token)) {
            FlightRuntimeException error = assertThrows(FlightRuntimeException.class,
                    () -> client.query("SELECT 1", headers));
            assertEquals(FlightStatusCode.UNAUTHENTICATED, error.status().code());
            assertEquals(message, error.status().description());
        }
    }

    @Test
    void noKeysMeansAuthIsDisabled() throws Exception {
        try (StandinDatabase database = StandinDatabase.inMemory();
                StandinServer server = StandinServer.builder(database).start();
                StandinTestClient anonymous = StandinTestClient.plaintext(server, null)) {
            assertEquals("grpc://127.0.0.1:" + server.port(), server.uri().toString());
            assertEquals(List.of(List.of(2)), anonymous.query("SELECT 2 AS two").rows());
        }
    }

    @Test
    void servesTls() throws Exception {
        try (StandinDatabase database = StandinDatabase.inMemory();
                StandinServer server = StandinServer.builder(database)
                        .tls(certificates.serverCertificate(), certificates.serverKey()).start()) {
            assertEquals("grpc+tls://127.0.0.1:" + server.port(), server.uri().toString());
            try (StandinTestClient client = StandinTestClient.tls(server, certificates.caCertificate(), null, null)) {
                assertEquals(List.of(List.of(3)), client.query("SELECT 3 AS three").rows());
            }
        }
    }

    @Test
    void mutualTlsRequiresAClientCertificateFromTheTrustedCa() throws Exception {
        try (StandinDatabase database = StandinDatabase.inMemory();
                StandinServer server = StandinServer.builder(database)
                        .tls(certificates.serverCertificate(), certificates.serverKey())
                        .requireClientCertificates(certificates.caCertificate()).start()) {
            try (StandinTestClient trusted = StandinTestClient.tls(server, certificates.caCertificate(),
                    certificates.clientCertificate(), certificates.clientKey())) {
                assertEquals(List.of(List.of(4)), trusted.query("SELECT 4 AS four").rows());
            }
            try (StandinTestClient noCertificate = StandinTestClient.tls(server, certificates.caCertificate(),
                    null, null)) {
                FlightRuntimeException error = assertThrows(FlightRuntimeException.class,
                        () -> noCertificate.query("SELECT 5"));
                assertEquals(FlightStatusCode.UNAVAILABLE, error.status().code());
            }
            try (StandinTestClient stranger = StandinTestClient.tls(server, certificates.caCertificate(),
                    certificates.untrustedClientCertificate(), certificates.untrustedClientKey())) {
                FlightRuntimeException error = assertThrows(FlightRuntimeException.class,
                        () -> stranger.query("SELECT 6"));
                assertEquals(FlightStatusCode.UNAVAILABLE, error.status().code());
            }
        }
    }

    @Test
    void badSettingsAreRejectedByName() {
        try (StandinDatabase database = StandinDatabase.inMemory()) {
            StandinServer.Builder builder = StandinServer.builder(database);
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> builder.tls(certificateDir.resolve("absent.pem"), certificates.serverKey()));
            assertTrue(missing.getMessage().startsWith("TLS certificate chain file is not readable"));
            IllegalArgumentException emptyKey = assertThrows(IllegalArgumentException.class,
                    () -> builder.apiKeys(Map.of("ci", "")));
            assertEquals("API key 'ci' is empty", emptyKey.getMessage());
            IllegalStateException mtlsOnly = assertThrows(IllegalStateException.class,
                    () -> builder.requireClientCertificates(certificates.caCertificate()).start());
            assertTrue(mtlsOnly.getMessage().contains("needs tls"));
        }
    }
}
