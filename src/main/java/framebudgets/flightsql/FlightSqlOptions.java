package framebudgets.flightsql;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validated connection options of a {@code flightsql} read: where the server is, how to sign
 * in, TLS, extra headers, how to map timestamps and how to retry. This is all the executors get
 * (the queries and the error mode are the driver's, {@link FlightSqlReadOptions}). Secrets (token,
 * password, client key) are resolved on the driver, where the env var or file is known to exist,
 * and travel to the executors as {@link Secret}s; {@link #toString()} never shows them. Every
 * error names the option at fault.
 */
final class FlightSqlOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    static final String URI = "uri";
    static final String TOKEN = "token";
    static final String TOKEN_ENV = "token.env";
    static final String TOKEN_FILE = "token.file";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String TLS_TRUSTED_CERTIFICATES = "tls.trusted_certificates";
    static final String TLS_CLIENT_CERTIFICATE = "tls.client_certificate";
    static final String TLS_CLIENT_KEY = "tls.client_key";
    static final String TLS_VERIFY = "tls.verify";
    static final String HEADER_PREFIX = "headers.";
    static final String TIMESTAMPS = "timestamps";
    static final String RETRY_MAX_ATTEMPTS = "retry.max_attempts";
    static final String RETRY_INITIAL_BACKOFF_MS = "retry.initial_backoff_ms";
    static final String RETRY_MAX_BACKOFF_MS = "retry.max_backoff_ms";

    private static final Logger LOG = LoggerFactory.getLogger(FlightSqlOptions.class);
    private static final Pattern HEADER_NAME = Pattern.compile("[0-9a-z_.-]+");

    final URI uri;
    final boolean tls;
    final Secret token;
    /** OAuth2 client credentials (the {@code oauth2.*} options); a token is fetched per JVM, see {@link OAuth2TokenCache}. */
    final OAuth2ClientCredentials oauth2;
    final String username;
    final Secret password;
    final byte[] trustedCertificates;
    final byte[] clientCertificate;
    final Secret clientKey;
    final boolean verifyServer;
    final Map<String, String> headers;
    final TimestampMode timestamps;
    final int retryMaxAttempts;
    final Duration retryInitialBackoff;
    final Duration retryMaxBackoff;

    private FlightSqlOptions(Map<String, String> options) {
        uri = parseUri(required(options, URI));
        tls = uri.getScheme().equals("grpc+tls");
        token = token(options);
        username = options.get(USERNAME);
        String pass = options.get(PASSWORD);
        if ((username == null) != (pass == null)) {
            throw new IllegalArgumentException("options username and password go together: set both or neither");
        }
        if (username != null && token != null) {
            throw new IllegalArgumentException("set either a bearer token (token, token.env, token.file) "
                    + "or username/password, not both");
        }
        password = pass == null ? null : Secret.of(pass);
        oauth2 = OAuth2ClientCredentials.parse(options);
        if (oauth2 != null && (token != null || username != null)) {
            throw new IllegalArgumentException("set one way to sign in: a bearer token (token, token.env, token.file), "
                    + "OAuth2 client credentials (oauth2.*) or username/password");
        }
        trustedCertificates = readFile(options, TLS_TRUSTED_CERTIFICATES);
        clientCertificate = readFile(options, TLS_CLIENT_CERTIFICATE);
        byte[] key = readFile(options, TLS_CLIENT_KEY);
        clientKey = key == null ? null : new Secret(key);
        if ((clientCertificate == null) != (clientKey == null)) {
            throw new IllegalArgumentException("options " + TLS_CLIENT_CERTIFICATE + " and " + TLS_CLIENT_KEY
                    + " go together (mTLS): set both or neither");
        }
        verifyServer = parseBoolean(options, TLS_VERIFY, true);
        if (!tls && (trustedCertificates != null || clientCertificate != null || options.containsKey(TLS_VERIFY))) {
            throw new IllegalArgumentException("TLS options are set but option uri " + uri
                    + " is plaintext; use grpc+tls://host:port");
        }
        if (!verifyServer) {
            LOG.warn("option {}=false: the certificate of {} is NOT verified; anyone on the network path can "
                    + "impersonate the server and read the credentials", TLS_VERIFY, target());
        }
        headers = Collections.unmodifiableMap(headers(options));
        timestamps = TimestampMode.parse(options.getOrDefault(TIMESTAMPS, "micros"));
        retryMaxAttempts = positiveInt(options, RETRY_MAX_ATTEMPTS, 5);
        retryInitialBackoff = Duration.ofMillis(positiveInt(options, RETRY_INITIAL_BACKOFF_MS, 200));
        retryMaxBackoff = Duration.ofMillis(positiveInt(options, RETRY_MAX_BACKOFF_MS, 5_000));
        if (retryMaxBackoff.compareTo(retryInitialBackoff) < 0) {
            throw new IllegalArgumentException("option " + RETRY_MAX_BACKOFF_MS + " is below "
                    + RETRY_INITIAL_BACKOFF_MS);
        }
    }

    /** Parses Spark's options (keys are matched case-insensitively); the read's own are checked too. */
    static FlightSqlOptions parse(Map<String, String> options) {
        return FlightSqlReadOptions.parse(options).connection;
    }

    /** The connection options among {@code options}, whose keys are lower case already. */
    static FlightSqlOptions parseLowerCase(Map<String, String> options) {
        return new FlightSqlOptions(options);
    }

    /** {@code host:port} of the server, for messages. */
    String target() {
        return uri.getHost() + ":" + uri.getPort();
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add("uri=" + uri);
        if (token != null) {
            parts.add("auth=bearer");
        } else if (oauth2 != null) {
            parts.add("auth=" + oauth2);
        } else if (username != null) {
            parts.add("auth=basic(" + username + ")");
        }
        if (!headers.isEmpty()) {
            parts.add("headers=" + headers.keySet());
        }
        parts.add("timestamps=" + timestamps.name().toLowerCase(Locale.ROOT));
        if (!verifyServer) {
            parts.add("tls.verify=false");
        }
        return "FlightSqlOptions(" + String.join(", ", parts) + ")";
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("option " + name + " is required");
        }
        return value.trim();
    }

    private static boolean parseBoolean(Map<String, String> options, String name, boolean fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("option " + name + ": '" + value + "' is not true or false");
        };
    }

    private static int positiveInt(Map<String, String> options, String name, int fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            parsed = 0;
        }
        if (parsed <= 0) {
            throw new IllegalArgumentException("option " + name + ": '" + value + "' is not a positive integer");
        }
        return parsed;
    }

    private static URI parseUri(String value) {
        URI parsed;
        try {
            parsed = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("option uri: '" + value + "' is not a URI: " + e.getReason());
        }
        String scheme = parsed.getScheme();
        if (scheme == null || !(scheme.equals("grpc") || scheme.equals("grpc+tcp") || scheme.equals("grpc+tls"))) {
            throw new IllegalArgumentException("option uri: '" + value
                    + "' must start with grpc:// (plaintext) or grpc+tls:// (TLS)");
        }
        if (parsed.getUserInfo() != null) {
            throw new IllegalArgumentException("option uri must not carry credentials; use the options "
                    + "username/password or token");
        }
        if (parsed.getHost() == null || parsed.getPort() < 0) {
            throw new IllegalArgumentException("option uri: '" + value + "' needs a host and a port, e.g. grpc://host:50051");
        }
        return parsed;
    }

    private static Secret token(Map<String, String> options) {
        List<String> set = new ArrayList<>();
        for (String name : List.of(TOKEN, TOKEN_ENV, TOKEN_FILE)) {
            if (options.containsKey(name)) {
                set.add(name);
            }
        }
        if (set.size() > 1) {
            throw new IllegalArgumentException("set only one of the options " + set);
        }
        if (set.isEmpty()) {
            return null;
        }
        String name = set.get(0);
        String value = options.get(name);
        String token = switch (name) {
            case TOKEN -> value;
            case TOKEN_ENV -> {
                String fromEnv = System.getenv(value);
                if (fromEnv == null) {
                    throw new IllegalArgumentException("option token.env: environment variable " + value + " is not set");
                }
                yield fromEnv;
            }
            default -> {
                try {
                    yield Files.readString(Path.of(value));
                } catch (IOException e) {
                    throw new IllegalArgumentException("option token.file: cannot read " + value + ": " + e.getMessage());
                }
            }
        };
        token = token.strip();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        if (token.isEmpty()) {
            throw new IllegalArgumentException("option " + name + " gives an empty token");
        }
        return Secret.of(token);
    }

    private static byte[] readFile(Map<String, String> options, String name) {
        String path = options.get(name);
        if (path == null) {
            return null;
        }
        try {
            return Files.readAllBytes(Path.of(path));
        } catch (IOException e) {
            throw new IllegalArgumentException("option " + name + ": cannot read PEM file " + path + ": " + e.getMessage());
        }
    }

    private static Map<String, String> headers(Map<String, String> options) {
        Map<String, String> headers = new TreeMap<>();
        options.forEach((key, value) -> {
            if (key.startsWith(HEADER_PREFIX)) {
                String name = key.substring(HEADER_PREFIX.length());
                checkHeader("option " + key, name, value);
                headers.put(name, value);
            }
        });
        return headers;
    }

    /** gRPC header names are lower case ASCII; values printable ASCII. Credentials have their own options. */
    static void checkHeader(String where, String name, String value) {
        if (!HEADER_NAME.matcher(name).matches() || name.startsWith("grpc-") || name.endsWith("-bin")) {
            throw new IllegalArgumentException(where + ": '" + name
                    + "' is not a valid gRPC header name (lower case letters, digits, - _ .; no grpc- prefix or -bin suffix)");
        }
        if (name.equals("authorization")) {
            throw new IllegalArgumentException(where + ": send credentials with the options token, token.env, "
                    + "token.file, oauth2.* or username/password, not as a header");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException(where + ": the value of header " + name
                        + " must be printable ASCII");
            }
        }
    }
}
