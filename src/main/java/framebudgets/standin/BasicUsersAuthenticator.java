package framebudgets.standin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.auth2.BasicCallHeaderAuthenticator;
import org.apache.arrow.flight.auth2.CallHeaderAuthenticator;
import org.apache.arrow.flight.auth2.GeneratedBearerTokenAuthenticator;

/**
 * Arrow Flight's own basic-auth flow for the stand-in's basic users, next to the micromegas API
 * keys: {@code authorization: Basic ...} (on a Handshake or any call) is checked against the users
 * and answered with a generated bearer token; a later {@code Bearer} header is accepted when it is
 * an API key or a token this server generated. Passwords never appear in messages.
 */
final class BasicUsersAuthenticator implements CallHeaderAuthenticator {

    private static final String BASIC = "Basic ";

    private final CallHeaderAuthenticator apiKeys;
    private final CallHeaderAuthenticator basicUsers;

    /** {@code apiKeys} is null when the server has none. */
    BasicUsersAuthenticator(Map<String, String> passwordsByUser, CallHeaderAuthenticator apiKeys) {
        Map<String, String> users = Map.copyOf(passwordsByUser);
        this.apiKeys = apiKeys;
        this.basicUsers = new GeneratedBearerTokenAuthenticator(new BasicCallHeaderAuthenticator((user, password) -> {
            String expected = users.get(user);
            if (expected == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    password.getBytes(StandardCharsets.UTF_8))) {
                throw CallStatus.UNAUTHENTICATED.withDescription("invalid username or password").toRuntimeException();
            }
            return () -> user;
        }));
    }

    @Override
    public AuthResult authenticate(CallHeaders headers) {
        String authorization = headers.get("authorization");
        if (apiKeys == null || (authorization != null && authorization.startsWith(BASIC))) {
            return basicUsers.authenticate(headers);
        }
        try {
            return apiKeys.authenticate(headers);
        } catch (FlightRuntimeException apiKeyFailure) {
            if (authorization == null) {
                throw apiKeyFailure;
            }
            try {
                return basicUsers.authenticate(headers);
            } catch (FlightRuntimeException tokenFailure) {
                throw apiKeyFailure;
            }
        }
    }
}
