package framebudgets.config;

import java.util.Map;

/**
 * How to reach the micromegas analytics server. Holds where the token or client secret comes from,
 * never the secret itself, so the settings can be logged and digested safely.
 */
public record SourceSettings(
        String uri,
        String tokenEnv,
        String tokenFile,
        String trustedRoots,
        Map<String, String> headers,
        OidcSettings oidc) {

    /** A source that signs in with a static token (or not at all). */
    public SourceSettings(String uri, String tokenEnv, String tokenFile, String trustedRoots, Map<String, String> headers) {
        this(uri, tokenEnv, tokenFile, trustedRoots, headers, OidcSettings.NONE);
    }
}
