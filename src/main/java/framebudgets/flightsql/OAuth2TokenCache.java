package framebudgets.flightsql;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer tokens obtained with the OAuth2 client-credentials grant, one per set of credentials and
 * JVM (the driver and each executor get their own), reused until shortly before they expire and
 * then fetched again. The token endpoint comes from the issuer's OpenID discovery document. Tokens
 * and the client secret are never logged or put in a message.
 */
final class OAuth2TokenCache {
    private static final Logger LOG = LoggerFactory.getLogger(OAuth2TokenCache.class);
    private static final int TIMEOUT_MS = 15_000;
    /** A token without {@code expires_in} is reused this long. */
    private static final Duration UNKNOWN_LIFETIME = Duration.ofMinutes(5);
    /** Fetched again this long before expiry (at most half the lifetime), so no call carries an expiring token. */
    private static final Duration REFRESH_AHEAD = Duration.ofSeconds(60);

    private static final Map<String, OAuth2TokenCache> CACHES = new ConcurrentHashMap<>();

    private final OAuth2ClientCredentials credentials;
    private final Clock clock;
    private URI tokenEndpoint;
    private String token;
    private Instant refreshAt = Instant.MIN;

    OAuth2TokenCache(OAuth2ClientCredentials credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    /** The current token for these credentials in this JVM, fetched when there is none or it is about to expire. */
    static String bearer(OAuth2ClientCredentials credentials) {
        return CACHES.computeIfAbsent(credentials.cacheKey(), k -> new OAuth2TokenCache(credentials, Clock.systemUTC()))
                .token();
    }

    /** Forgets the token of these credentials (e.g. the server rejected it); the next call fetches a new one. */
    static void forget(OAuth2ClientCredentials credentials) {
        OAuth2TokenCache cache = CACHES.get(credentials.cacheKey());
        if (cache != null) {
            cache.invalidate();
        }
    }

    synchronized String token() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(refreshAt)) {
            fetch(now);
        }
        return token;
    }

    synchronized void invalidate() {
        token = null;
    }

    private void fetch(Instant now) {
        URI endpoint = tokenEndpoint();
        Scope scope = credentials.scope == null ? null : Scope.parse(credentials.scope);
        Map<String, List<String>> extra = credentials.audience == null ? Map.of()
                : Map.of("audience", List.of(credentials.audience));
        TokenRequest request = new TokenRequest(endpoint,
                new ClientSecretBasic(new ClientID(credentials.clientId), new Secret(credentials.clientSecret.reveal())),
                new ClientCredentialsGrant(), scope, null, extra);
        TokenResponse response;
        try {
            HTTPRequest http = request.toHTTPRequest();
            http.setConnectTimeout(TIMEOUT_MS);
            http.setReadTimeout(TIMEOUT_MS);
            response = TokenResponse.parse(http.send());
        } catch (IOException e) {
            throw failure("the token endpoint " + endpoint + " cannot be reached (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw failure("the token endpoint " + endpoint + " gave an answer that is not an OAuth2 token response ("
                    + e.getMessage() + ")", e);
        }
        if (!response.indicatesSuccess()) {
            ErrorObject error = ((TokenErrorResponse) response).getErrorObject();
            throw failure("the token endpoint " + endpoint + " refused client " + credentials.clientId + ": HTTP "
                    + error.getHTTPStatusCode() + " " + error.getCode()
                    + (error.getDescription() == null ? "" : " (" + error.getDescription() + ")")
                    + "; check the options " + OAuth2ClientCredentials.CLIENT_ID + ", the client secret and "
                    + OAuth2ClientCredentials.AUDIENCE + "/" + OAuth2ClientCredentials.SCOPE, null);
        }
        AccessToken access = ((AccessTokenResponse) response).getTokens().getAccessToken();
        Duration lifetime = access.getLifetime() > 0 ? Duration.ofSeconds(access.getLifetime()) : UNKNOWN_LIFETIME;
        Duration ahead = REFRESH_AHEAD.compareTo(lifetime.dividedBy(2)) < 0 ? REFRESH_AHEAD : lifetime.dividedBy(2);
        token = access.getValue();
        refreshAt = now.plus(lifetime).minus(ahead);
        LOG.info("OAuth2: got a token for client {} from {} (valid {} s, fetched again after {} s)",
                credentials.clientId, credentials.issuer, lifetime.toSeconds(), lifetime.minus(ahead).toSeconds());
    }

    private URI tokenEndpoint() {
        if (tokenEndpoint == null) {
            OIDCProviderMetadata metadata;
            try {
                metadata = OIDCProviderMetadata.resolve(new Issuer(credentials.issuer), TIMEOUT_MS, TIMEOUT_MS);
            } catch (GeneralException | IOException e) {
                throw failure("OpenID discovery of option " + OAuth2ClientCredentials.ISSUER + " " + credentials.issuer
                        + " failed (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
            }
            if (metadata.getTokenEndpointURI() == null) {
                throw failure("the discovery document of " + credentials.issuer + " names no token_endpoint", null);
            }
            tokenEndpoint = metadata.getTokenEndpointURI();
        }
        return tokenEndpoint;
    }

    private static IllegalStateException failure(String message, Exception cause) {
        return new IllegalStateException("OAuth2 client credentials: " + message, cause);
    }
}
