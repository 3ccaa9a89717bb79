package framebudgets.standin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.auth2.CallHeaderAuthenticator;

/**
 * micromegas 0.11's API-key check, run on every RPC: {@code authorization: Bearer <key>} must carry
 * one of the configured keys. The peer identity is the key's name; keys never appear in messages.
 */
final class ApiKeyAuthenticator implements CallHeaderAuthenticator {

    private static final String BEARER = "Bearer ";

    private final Map<String, String> keysByName;

    ApiKeyAuthenticator(Map<String, String> keysByName) {
        this.keysByName = Map.copyOf(keysByName);
    }

    @Override
    public AuthResult authenticate(CallHeaders headers) {
        String authorization = headers.get("authorization");
        if (authorization == null) {
            throw CallStatus.UNAUTHENTICATED.withDescription("missing authorization header").toRuntimeException();
        }
        if (!authorization.startsWith(BEARER)) {
            throw CallStatus.UNAUTHENTICATED.withDescription("Invalid auth header").toRuntimeException();
        }
        byte[] presented = authorization.substring(BEARER.length()).getBytes(StandardCharsets.UTF_8);
        String match = null;
        for (Map.Entry<String, String> entry : keysByName.entrySet()) {
            if (MessageDigest.isEqual(presented, entry.getValue().getBytes(StandardCharsets.UTF_8))) {
                match = entry.getKey();
            }
        }
        if (match == null) {
            throw CallStatus.UNAUTHENTICATED.withDescription("invalid API token").toRuntimeException();
        }
        String name = match;
        return () -> name;
    }
}
