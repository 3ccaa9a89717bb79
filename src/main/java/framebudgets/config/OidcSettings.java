package framebudgets.config;

/**
 * OAuth2 client credentials for the job (a service account, which micromegas recommends for batch
 * jobs; micromegas validates the token as an OIDC JWT). Holds where the client secret comes from,
 * never the secret itself, so the settings can be logged safely. An empty issuer means not used.
 */
public record OidcSettings(
        String issuer,
        String clientId,
        String clientSecretEnv,
        String clientSecretFile,
        String audience,
        String scope) {

    /** No client credentials: the job signs in with a static token, or not at all. */
    public static final OidcSettings NONE = new OidcSettings("", "", "", "", "", "");

    /** True when client credentials are configured (an issuer is set). */
    public boolean enabled() {
        return !issuer.isEmpty();
    }
}
