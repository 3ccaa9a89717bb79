package framebudgets.flightsql;

import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;

/**
 * A failed Flight SQL call, with the gRPC status code, the server's message and the server's
 * host:port (never credentials), so a Spark task failure says what went wrong and where.
 */
public final class FlightSqlException extends RuntimeException {
    private final FlightStatusCode status;

    FlightSqlException(String message, FlightStatusCode status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** Wraps a gRPC failure of {@code call} (e.g. "DoGet") against {@code target}. */
    static FlightSqlException of(String call, String target, FlightRuntimeException e) {
        FlightStatusCode code = e.status().code();
        String hint = switch (code) {
            case UNAUTHENTICATED -> " (check the options token, token.env, token.file, oauth2.* or username/password)";
            case UNAVAILABLE -> " (is the server running and reachable, with the right TLS setting?)";
            case INVALID_ARGUMENT, UNIMPLEMENTED -> " (the server rejected the query; not retried)";
            case RESOURCE_EXHAUSTED -> " (the server ran out of memory or refused the query; not retried)";
            default -> "";
        };
        String description = e.status().description();
        return new FlightSqlException("Flight SQL " + call + " on " + target + " failed: " + code + ": "
                + (description == null || description.isEmpty() ? "(no message)" : description) + hint, code, e);
    }

    /** The gRPC status code the server (or transport) answered with. */
    public FlightStatusCode status() {
        return status;
    }
}
