package framebudgets.testing;

import com.nimbusds.oauth2.sdk.TokenRequest;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A real OpenID provider for tests (NAV's mock-oauth2-server) on a free loopback port: discovery,
 * JWKS, and a token endpoint that grants client credentials with RS256 JWTs whose audience is the
 * request's {@code audience} parameter and whose lifetime is chosen here.
 */
public final class OidcProvider implements AutoCloseable {
    public static final String ISSUER_ID = "games";
    private final MockOAuth2Server server;

    private OidcProvider(MockOAuth2Server server) {
        this.server = server;
    }

    /** Starts a provider whose tokens live {@code tokenSeconds}. */
    public static OidcProvider start(long tokenSeconds) {
        OAuth2Config config = new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(), Set.of(new AudienceParameter(tokenSeconds)),
                new MockWebServerWrapper());
        MockOAuth2Server server = new MockOAuth2Server(config);
        server.start(InetAddress.getLoopbackAddress(), 0);
        return new OidcProvider(server);
    }

    /** The issuer URL, as a server's OIDC configuration names it. */
    public URI issuer() {
        return URI.create(server.issuerUrl(ISSUER_ID).toString());
    }

    /** How many token requests arrived since the last call (requests are consumed). */
    public int tokenRequests() throws InterruptedException {
        int count = 0;
        RecordedRequest request;
        while ((request = next(server)) != null) {
            if (request.getPath() != null && request.getPath().endsWith("/token")) {
                count++;
            }
        }
        return count;
    }

    private static RecordedRequest next(MockOAuth2Server server) {
        try {
            return server.takeRequest(50, TimeUnit.MILLISECONDS);
        } catch (RuntimeException noneWithinTheTimeout) {
            return null;
        }
    }

    /** A token this provider signed for {@code audience}, as a client-credentials grant would give it. */
    public String token(String audience, long seconds) {
        return server.issueToken(ISSUER_ID, "nightly", new DefaultOAuth2TokenCallback(ISSUER_ID, "nightly", "JWT",
                List.of(audience), Map.of(), seconds)).serialize();
    }

    /**
     * Client credentials as Auth0 grants them: the token's audience is the request's
     * {@code audience} parameter, else its scopes (as Azure AD's {@code api://.../.default}), else "default".
     */
    private record AudienceParameter(long tokenSeconds) implements OAuth2TokenCallback {
        @Override
        public String issuerId() {
            return ISSUER_ID;
        }

        @Override
        public String subject(TokenRequest request) {
            return request.getClientAuthentication() == null ? "anonymous"
                    : request.getClientAuthentication().getClientID().getValue();
        }

        @Override
        public String typeHeader(TokenRequest request) {
            return "JWT";
        }

        @Override
        public List<String> audience(TokenRequest request) {
            List<String> audience = request.getCustomParameters().get("audience");
            if (audience != null && !audience.isEmpty()) {
                return audience;
            }
            return request.getScope() == null ? List.of("default") : request.getScope().toStringList();
        }

        @Override
        public Map<String, Object> addClaims(TokenRequest request) {
            return Map.of();
        }

        @Override
        public long tokenExpiry() {
            return tokenSeconds;
        }
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
