package framebudgets.standin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.auth2.CallHeaderAuthenticator;

/**
 * micromegas' OIDC check ({@code micromegas-auth} {@code OidcAuthProvider}, configured by
 * {@code MICROMEGAS_OIDC_CONFIG}), run on every RPC: the bearer token must be an RS256 JWT from the
 * configured issuer, signed by a key of the issuer's JWKS (found through its discovery document),
 * carrying the configured audience and not expired (no leeway, as micromegas' own expiry check).
 * API keys, when the server also has some, are tried first. Tokens never appear in messages.
 */
final class OidcTokenAuthenticator implements CallHeaderAuthenticator {
    private static final String BEARER = "Bearer ";

    private final URI issuer;
    private final String audience;
    private final CallHeaderAuthenticator apiKeys;
    private volatile DefaultJWTProcessor<SecurityContext> processor;

    /** {@code apiKeys} is null when the server has none. */
    OidcTokenAuthenticator(URI issuer, String audience, CallHeaderAuthenticator apiKeys) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audience = Objects.requireNonNull(audience, "audience");
        this.apiKeys = apiKeys;
    }

    @Override
    public AuthResult authenticate(CallHeaders headers) {
        String authorization = headers.get("authorization");
        if (authorization == null) {
            throw unauthenticated("missing authorization header");
        }
        if (!authorization.startsWith(BEARER)) {
            throw unauthenticated("Invalid auth header");
        }
        String token = authorization.substring(BEARER.length()).strip();
        if (apiKeys != null && token.chars().filter(c -> c == '.').count() != 2) {
            return apiKeys.authenticate(headers);
        }
        JWTClaimsSet claims = verified(token);
        String subject = claims.getSubject();
        return () -> subject;
    }

    private JWTClaimsSet verified(String token) {
        SignedJWT jwt;
        JWTClaimsSet unverified;
        try {
            jwt = SignedJWT.parse(token);
            unverified = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw unauthenticated("Invalid JWT format");
        }
        if (!issuer.toString().equals(unverified.getIssuer())) {
            throw unauthenticated("Unknown issuer: " + unverified.getIssuer());
        }
        JWTClaimsSet claims;
        try {
            claims = processor().process(jwt, null);
        } catch (BadJOSEException | JOSEException e) {
            throw unauthenticated("Token validation failed: " + e.getMessage());
        }
        List<String> audiences = claims.getAudience();
        if (!audiences.contains(audience)) {
            throw unauthenticated("Token audience mismatch - configured audiences: [\"" + audience
                    + "\"], token audiences: " + audiences);
        }
        Date expiry = claims.getExpirationTime();
        if (expiry == null || !expiry.after(new Date())) {
            throw unauthenticated("Token has expired");
        }
        return claims;
    }

    /** Discovery and JWKS on first use, so the stand-in starts even before the issuer does. */
    private DefaultJWTProcessor<SecurityContext> processor() {
        DefaultJWTProcessor<SecurityContext> p = processor;
        if (p != null) {
            return p;
        }
        synchronized (this) {
            if (processor == null) {
                OIDCProviderMetadata metadata;
                try {
                    metadata = OIDCProviderMetadata.resolve(new Issuer(issuer), 10_000, 10_000);
                } catch (GeneralException | IOException e) {
                    throw CallStatus.UNAVAILABLE.withDescription("OIDC discovery of " + issuer + " failed: " + e.getMessage())
                            .toRuntimeException();
                }
                JWKSource<SecurityContext> keys;
                try {
                    keys = JWKSourceBuilder.create(metadata.getJWKSetURI().toURL()).retrying(true).build();
                } catch (IOException e) {
                    throw CallStatus.UNAVAILABLE.withDescription("bad jwks_uri of " + issuer).toRuntimeException();
                }
                DefaultJWTProcessor<SecurityContext> built = new DefaultJWTProcessor<>();
                built.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
                // issuer, audience and expiry are checked above, the way micromegas words them
                built.setJWTClaimsSetVerifier((claims, context) -> {});
                processor = built;
            }
            return processor;
        }
    }

    private static FlightRuntimeException unauthenticated(String message) {
        return CallStatus.UNAUTHENTICATED.withDescription(message).toRuntimeException();
    }
}
