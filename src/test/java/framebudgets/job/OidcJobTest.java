package framebudgets.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.FrameBudgetJob;
import framebudgets.standin.StandinMain;
import framebudgets.standin.StandinServer;
import framebudgets.testing.OidcProvider;
import framebudgets.testing.SharedSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job signing in with OAuth2 client credentials ({@code framebudgets.source.oidc}) to the
 * stand-in validating OIDC tokens as micromegas does, with a real OpenID provider on loopback whose
 * tokens live 4 s, and a network latency that spreads the run's queries over more than that: the
 * run needs several tokens (each fetched before the previous one expires, or the server would
 * refuse it), writes the same tables as a run with an API key, and the client secret shows nowhere.
 * A token for another audience is refused with the server's reason.
 */
class OidcJobTest {
    private static final int TOKEN_SECONDS = 4;

    @TempDir
    Path temp;

    @Test
    void theJobSignsInWithClientCredentialsAndRefreshesItsToken() throws Exception {
        String secret = "cs-" + UUID.randomUUID();
        String apiKey = "key-" + UUID.randomUUID();
        Path secretFile = temp.resolve("client-secret");
        Files.writeString(secretFile, secret + "\n");
        Path keyFile = temp.resolve("api-key");
        Files.writeString(keyFile, apiKey);
        SharedSpark.get(); // before the log capture: starting Spark reconfigures logging
        try (OidcProvider provider = OidcProvider.start(TOKEN_SECONDS);
             StandinMain.Running standin = StandinMain.launch(new String[] {
                     "--port", "0", "--seed", "5", "--processes", "2", "--minutes", "0.05", "--spans-per-frame", "30",
                     "--workers", "1", "--latency", "400ms", "--start", "2025-07-24T12:00:00Z", "--api-key", "ops=" + apiKey,
                     "--oidc-issuer", provider.issuer().toString(), "--oidc-audience", "micromegas-analytics"}, Map.of());
             SecretsNeverShowTest.AllLogs logs = SecretsNeverShowTest.AllLogs.capture()) {
            String uri = standin.server().uri().toString();
            Outcome withKey = JobRuns.run("--conf", conf(uri, "token-file = \"" + keyFile + "\"", "key").toString());
            assertEquals(FrameBudgetJob.EXIT_OK, withKey.status(), withKey.err());

            provider.tokenRequests();
            int before = standin.server().receivedQueries().size();
            Outcome withOidc = JobRuns.run("--conf", conf(uri, oidc(provider, secretFile, "micromegas-analytics"), "oidc").toString());
            assertEquals(FrameBudgetJob.EXIT_OK, withOidc.status(), withOidc.err());
            int tokens = provider.tokenRequests();
            List<StandinServer.ReceivedQuery> calls = standin.server().receivedQueries().subList(before, standin.server().receivedQueries().size());
            Duration span = Duration.between(calls.get(0).at(), calls.get(calls.size() - 1).at());
            // the latency spreads the run's queries over more than a token's life, so one token cannot do
            assertTrue(span.compareTo(Duration.ofSeconds(TOKEN_SECONDS)) > 0, "the stand-in's latency spreads "
                    + calls.size() + " queries over only " + span);
            assertTrue(tokens >= 2, calls.size() + " queries over " + span + " with " + TOKEN_SECONDS + " s tokens fetched "
                    + tokens + " tokens");
            TableComparison.assertSameTables(SharedSpark.get(), temp.resolve("key"), temp.resolve("oidc"));

            Outcome wrongAudience = JobRuns.run("--conf", conf(uri, oidc(provider, secretFile, "another-api"), "wrong").toString());
            assertEquals(FrameBudgetJob.EXIT_FAILED, wrongAudience.status(), wrongAudience.err());
            assertTrue(wrongAudience.err().contains("UNAUTHENTICATED") && wrongAudience.err().contains("audience mismatch")
                    && wrongAudience.err().contains("framebudgets.source.oidc"), wrongAudience.err());

            List<String> seen = new ArrayList<>(logs.lines());
            for (Outcome o : List.of(withKey, withOidc, wrongAudience)) {
                seen.add(o.out() + o.err());
            }
            try (Stream<Path> files = Files.walk(temp)) {
                for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.equals(secretFile)).toList()) {
                    seen.add(f + ": " + new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                }
            }
            assertTrue(logs.lines().size() > 20, "the log capture works");
            for (String text : seen) {
                assertFalse(text.contains(secret), () -> "the client secret shows in: " + text.substring(0, Math.min(2000, text.length())));
            }
        }
    }

    private static String oidc(OidcProvider provider, Path secretFile, String audience) {
        return "token-file = \"\", oidc { issuer = \"" + provider.issuer() + "\", client-id = \"frame-budgets\", "
                + "client-secret-file = \"" + secretFile + "\", audience = \"" + audience + "\" }";
    }

    private Path conf(String uri, String auth, String name) throws Exception {
        Path conf = temp.resolve(name + ".conf");
        Files.writeString(conf, "include file(\"" + Path.of("conf/demo.conf").toAbsolutePath() + "\")\n"
                + "framebudgets.source { uri = \"" + uri + "\", token-env = \"\", " + auth + " }\n"
                + "framebudgets.output.root = \"" + temp.resolve(name) + "\"\n");
        return conf;
    }
}
