package framebudgets.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks {@code framebudgets.source.oidc} before anything starts: an issuer URL the client secret
 * may be sent to, a client id, exactly one readable, non-empty source of the secret (whose value is
 * never shown), and no static token file beside it.
 */
final class OidcChecks {
    private static final String KEY = "framebudgets.source.oidc.";

    private OidcChecks() {}

    static void check(SourceSettings source) {
        OidcSettings oidc = source.oidc();
        if (!oidc.enabled()) {
            return;
        }
        issuer(oidc.issuer());
        if (oidc.clientId().isEmpty()) {
            throw new SettingsException(KEY + "client-id must not be empty when " + KEY + "issuer is set");
        }
        printable("client-id", oidc.clientId());
        printable("audience", oidc.audience());
        printable("scope", oidc.scope());
        if (!source.tokenFile().isEmpty()) {
            throw new SettingsException("framebudgets.source.token-file and " + KEY
                    + "issuer are both set: sign in with a static token or with client credentials, not both");
        }
        if (!oidc.clientSecretFile().isEmpty()) {
            secretFile(oidc.clientSecretFile());
        } else if (oidc.clientSecretEnv().isEmpty()) {
            throw new SettingsException(KEY + "client-secret-env and " + KEY
                    + "client-secret-file are both empty: name where the client secret is");
        } else {
            String value = System.getenv(oidc.clientSecretEnv());
            if (value == null || value.isBlank()) {
                throw new SettingsException(KEY + "client-secret-env: environment variable " + oidc.clientSecretEnv()
                        + " is not set or empty (it must hold the client secret; or set " + KEY + "client-secret-file)");
            }
        }
    }

    private static void issuer(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new SettingsException(KEY + "issuer: '" + Printable.escaped(value) + "' is not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new SettingsException(KEY + "issuer: '" + Printable.escaped(value)
                    + "' must be the issuer's https:// URL, as in the server's OIDC configuration");
        }
        if (uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new SettingsException(KEY + "issuer: must be a plain URL, without credentials, query or fragment");
        }
        if (scheme.equals("http") && !loopback(uri.getHost())) {
            throw new SettingsException(KEY + "issuer: " + uri.getScheme() + "://" + uri.getHost()
                    + " would send the client secret unencrypted; use https:// (http:// is accepted on loopback only)");
        }
    }

    private static boolean loopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|\\[[0-9a-fA-F:]+]")) {
            return false; // a name: not resolved here
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static void secretFile(String path) {
        String key = KEY + "client-secret-file";
        try {
            if (Files.readString(Path.of(path)).isBlank()) {
                throw new SettingsException(key + ": file " + path + " is empty (it must hold the client secret)");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof SettingsException s) {
                throw s;
            }
            throw new SettingsException(key + ": file " + path + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static void printable(String name, String value) {
        if (value.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            throw new SettingsException(KEY + name + ": the value contains a newline or another control character");
        }
    }
}
