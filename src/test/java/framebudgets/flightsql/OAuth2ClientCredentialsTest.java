package framebudgets.flightsql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.standin.StandinDatabase;
import framebudgets.standin.StandinServer;
import framebudgets.testing.OidcProvider;
import framebudgets.testing.SharedSpark;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.execution.ExplainMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code oauth2.*} options against a real OpenID provider (mock-oauth2-server on loopback) and
 * the stand-in validating its tokens as micromegas does: discovery, the client-credentials grant,
 * reuse and refresh before expiry, the audience the server checks, and the secret never shown.
 */
class OAuth2ClientCredentialsTest {
    private static final String SECRET = "cl1ent-s3cret-for-tests";
    private static final String AUDIENCE = "micromegas-analytics";

    private static OidcProvider provider;
    private static StandinDatabase database;
    private static StandinServer server;

    @BeforeAll
    static void start() throws Exception {
        provider = OidcProvider.start(4);
        database = StandinDatabase.inMemory();
        database.execute("CREATE TABLE numbers AS SELECT range AS id FROM range(1000)");
        server = StandinServer.builder(database).oidc(provider.issuer(), AUDIENCE).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        database.close();
        provider.close();
    }

    @AfterEach
    void allocatorsEndAtZero() {
        AllocatorChecks.assertAllClosedAtZero();
    }

    private static Map<String, String> options(String audience) {
        Map<String, String> options = new HashMap<>();
        options.put("uri", server.uri().toString());
        options.put("query", "SELECT id FROM numbers");
        options.put("oauth2.issuer", provider.issuer().toString());
        options.put("oauth2.client_id", "nightly");
        options.put("oauth2.client_secret", SECRET);
        options.put("oauth2.audience", audience);
        return options;
    }

    private static DataFrameReader read(Map<String, String> options) {
        return SharedSpark.get().read().format("flightsql").options(options);
    }

    @Test
    void aSparkReadSignsInWithClientCredentials() {
        Map<String, String> options = options(AUDIENCE);
        assertEquals(1000L, read(options).load().count());
        String explain = read(options).load().where("id > 5").queryExecution().explainString(ExplainMode.fromString("extended"));
        assertFalse(explain.contains(SECRET), explain);
        String printed = FlightSqlOptions.parse(options).toString();
        assertTrue(printed.contains("oauth2(client_id=nightly"), printed);
        assertFalse(printed.contains(SECRET), printed);
    }

    @Test
    void theTokenIsReusedThenFetchedAgainBeforeItExpires() throws Exception {
        OAuth2ClientCredentials credentials = OAuth2ClientCredentials.parse(options(AUDIENCE));
        OAuth2TokenCache cache = new OAuth2TokenCache(credentials, Clock.systemUTC());
        provider.tokenRequests();
        String first = cache.token();
        assertEquals(first, cache.token(), "reused while fresh");
        assertEquals(1, provider.tokenRequests());
        Thread.sleep(2_300); // 4 s tokens are fetched again after half their life
        String second = cache.token();
        assertNotEquals(first, second, "a new token before the old one expires");
        assertEquals(1, provider.tokenRequests());
        Thread.sleep(2_000); // the first token has expired by now: the server must take the second
        assertEquals(1000L, read(options(AUDIENCE)).load().count());
    }

    @Test
    void aWrongAudienceIsRejectedByTheServerWithTheReason() {
        Exception e = assertThrows(Exception.class, () -> read(options("some-other-api")).load().count());
        String message = messages(e);
        assertTrue(message.contains("UNAUTHENTICATED"), message);
        assertTrue(message.contains("audience mismatch") && message.contains("some-other-api")
                && message.contains(AUDIENCE), message);
        assertTrue(message.contains("oauth2.*"), "the hint names the options: " + message);
        assertFalse(message.contains(SECRET), message);
    }

    @Test
    void withoutCredentialsOrWithATokenOfAnotherIssuerTheServerRefuses() {
        Map<String, String> none = new HashMap<>(options(AUDIENCE));
        none.keySet().removeIf(k -> k.startsWith("oauth2."));
        assertTrue(messages(assertThrows(Exception.class, () -> read(none).load().count())).contains("UNAUTHENTICATED"));
        try (OidcProvider other = OidcProvider.start(60)) {
            Map<String, String> forged = new HashMap<>(none);
            forged.put("token", other.token(AUDIENCE, 60));
            String message = messages(assertThrows(Exception.class, () -> read(forged).load().count()));
            assertTrue(message.contains("UNAUTHENTICATED") && message.contains("Unknown issuer"), message);
        }
    }

    @Test
    void aRefusingTokenEndpointOrAnUnreachableIssuerIsNamed() {
        Map<String, String> unreachable = new HashMap<>(options(AUDIENCE));
        unreachable.put("oauth2.issuer", "http://127.0.0.1:1/games");
        String message = messages(assertThrows(Exception.class, () -> read(unreachable).load().count()));
        assertTrue(message.contains("OpenID discovery of option oauth2.issuer http://127.0.0.1:1/games failed"), message);
        assertFalse(message.contains(SECRET), message);
    }

    @Test
    void badOptionsAreNamed() {
        Map<String, String> noClient = new HashMap<>(options(AUDIENCE));
        noClient.remove("oauth2.client_id");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FlightSqlOptions.parse(noClient)).getMessage()
                .contains("option oauth2.client_id is required"));
        Map<String, String> twoSecrets = new HashMap<>(options(AUDIENCE));
        twoSecrets.put("oauth2.client_secret.env", "SOME_VARIABLE");
        String two = assertThrows(IllegalArgumentException.class, () -> FlightSqlOptions.parse(twoSecrets)).getMessage();
        assertTrue(two.contains("set only one of the options"), two);
        Map<String, String> unsetEnv = new HashMap<>(options(AUDIENCE));
        unsetEnv.remove("oauth2.client_secret");
        unsetEnv.put("oauth2.client_secret.env", "FB_NO_SUCH_SECRET_VARIABLE");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FlightSqlOptions.parse(unsetEnv)).getMessage()
                .contains("environment variable FB_NO_SUCH_SECRET_VARIABLE is not set"));
        Map<String, String> withToken = new HashMap<>(options(AUDIENCE));
        withToken.put("token", "t");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FlightSqlOptions.parse(withToken)).getMessage()
                .contains("set one way to sign in"));
        Map<String, String> badIssuer = new HashMap<>(options(AUDIENCE));
        badIssuer.put("oauth2.issuer", "ftp://idp");
        String bad = assertThrows(IllegalArgumentException.class, () -> FlightSqlOptions.parse(badIssuer)).getMessage();
        assertTrue(bad.contains("option oauth2.issuer") && !bad.contains(SECRET), bad);
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }
}
