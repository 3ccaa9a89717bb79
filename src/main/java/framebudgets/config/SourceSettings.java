package framebudgets.config;

import java.util.Map;

/**
 * How to reach the micromegas analytics server. Holds where the token comes from, never the token
 * itself, so the settings can be logged and digested safely.
 */
public record SourceSettings(
        String uri,
        String tokenEnv,
        String tokenFile,
        String trustedRoots,
        Map<String, String> headers) {}
