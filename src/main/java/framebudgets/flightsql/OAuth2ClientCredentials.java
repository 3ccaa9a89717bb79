package framebudgets.flightsql;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A service account's OAuth2 client credentials (the {@code oauth2.*} options): the issuer whose
 * discovery document names the token endpoint, the client id and secret, and the audience or scope
 * the token is asked for. Servers such as micromegas validate such a token (issuer, signature,
 * audience, expiry) and recommend it for batch jobs. The secret is a {@link Secret}; this object
 * prints without it.
 */
final class OAuth2ClientCredentials implements Serializable {
    private static final long serialVersionUID = 1L;

    static final String ISSUER = "oauth2.issuer";
    static final String CLIENT_ID = "oauth2.client_id";
    static final String CLIENT_SECRET = "oauth2.client_secret";
    static final String CLIENT_SECRET_ENV = "oauth2.client_secret.env";
    static final String CLIENT_SECRET_FILE = "oauth2.client_secret.file";
    static final String AUDIENCE = "oauth2.audience";
    static final String SCOPE = "oauth2.scope";
    static final List<String> ALL = List.of(ISSUER, CLIENT_ID, CLIENT_SECRET, CLIENT_SECRET_ENV, CLIENT_SECRET_FILE,
            AUDIENCE, SCOPE);

    final URI issuer;
    final String clientId;
    final Secret clientSecret;
    /** Sent as the {@code audience} parameter of the token request; null = not sent. */
    final String audience;
    /** Space-separated scopes; null = not sent. */
    final String scope;

    OAuth2ClientCredentials(URI issuer, String clientId, Secret clientSecret, String audience, String scope) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
        this.audience = audience;
        this.scope = scope;
    }

    /**
     * The credentials the (lower-cased) options give, or null when no {@code oauth2.*} option is
     * set. Every error names the option at fault and never shows the secret.
     */
    static OAuth2ClientCredentials parse(Map<String, String> options) {
        List<String> set = new ArrayList<>();
        for (String name : ALL) {
            if (options.containsKey(name)) {
                set.add(name);
            }
        }
        if (set.isEmpty()) {
            return null;
        }
        URI issuer = issuer(required(options, ISSUER));
        String clientId = required(options, CLIENT_ID);
        Secret secret = secret(options);
        return new OAuth2ClientCredentials(issuer, clientId, secret, optional(options, AUDIENCE),
                optional(options, SCOPE));
    }

    /** Identifies a token in the cache: everything but the secret's value would give another token. */
    String cacheKey() {
        return issuer + "\n" + clientId + "\n" + audience + "\n" + scope + "\n"
                + Integer.toHexString(java.util.Arrays.hashCode(clientSecret.revealBytes()));
    }

    @Override
    public String toString() {
        return "oauth2(client_id=" + clientId + ", issuer=" + issuer
                + (audience == null ? "" : ", audience=" + audience)
                + (scope == null ? "" : ", scope=" + scope) + ")";
    }

    private static URI issuer(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("option " + ISSUER + ": '" + value + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new IllegalArgumentException("option " + ISSUER + ": '" + value
                    + "' must be the issuer's https:// URL (its /.well-known/openid-configuration names the token endpoint)");
        }
        if (uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("option " + ISSUER + ": '" + uri.getScheme() + "://" + uri.getHost()
                    + "...' must be a plain URL without credentials, query or fragment");
        }
        return uri;
    }

    private static Secret secret(Map<String, String> options) {
        List<String> set = new ArrayList<>();
        for (String name : List.of(CLIENT_SECRET, CLIENT_SECRET_ENV, CLIENT_SECRET_FILE)) {
            if (options.containsKey(name)) {
                set.add(name);
            }
        }
        if (set.size() != 1) {
            throw new IllegalArgumentException(set.isEmpty()
                    ? "option " + ISSUER + " needs the client secret: set one of the options " + CLIENT_SECRET + ", "
                            + CLIENT_SECRET_ENV + " (an environment variable) or " + CLIENT_SECRET_FILE
                    : "set only one of the options " + set);
        }
        String name = set.get(0);
        String value = options.get(name);
        String secret = switch (name) {
            case CLIENT_SECRET -> value;
            case CLIENT_SECRET_ENV -> {
                String fromEnv = value == null ? null : System.getenv(value);
                if (fromEnv == null) {
                    throw new IllegalArgumentException("option " + CLIENT_SECRET_ENV + ": environment variable " + value
                            + " is not set");
                }
                yield fromEnv;
            }
            default -> {
                try {
                    yield Files.readString(Path.of(value));
                } catch (IOException | RuntimeException e) {
                    throw new IllegalArgumentException("option " + CLIENT_SECRET_FILE + ": cannot read " + value + " ("
                            + e.getClass().getSimpleName() + ")");
                }
            }
        };
        secret = secret == null ? "" : secret.strip();
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("option " + name + " gives an empty client secret");
        }
        return Secret.of(secret);
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("option " + name + " is required with OAuth2 client credentials");
        }
        return value.trim();
    }

    private static String optional(Map<String, String> options, String name) {
        String value = options.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
