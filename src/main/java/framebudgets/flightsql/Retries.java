package framebudgets.flightsql;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedSupplier;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a call that failed with gRPC UNAVAILABLE or INTERNAL, with exponential backoff and a
 * bounded number of attempts (options {@code retry.*}). Callers use it only where nothing has
 * reached Spark yet, so a retry can never duplicate rows. Since micromegas 0.29 a query the server
 * rejects comes back as INVALID_ARGUMENT, RESOURCE_EXHAUSTED or UNIMPLEMENTED: those (and every
 * other code) fail at once, since asking again would get the same answer.
 */
final class Retries {
    private static final Logger LOG = LoggerFactory.getLogger(Retries.class);

    private Retries() {}

    static <T> T onTransientFailure(FlightSqlOptions options, String what, CheckedSupplier<T> call) {
        RetryPolicy<T> policy = RetryPolicy.<T>builder()
                .handleIf(Retries::isRetryable)
                .withBackoff(options.retryInitialBackoff, options.retryMaxBackoff)
                .withMaxAttempts(options.retryMaxAttempts)
                .onRetry(event -> LOG.warn("{} on {}: attempt {} failed with {}, retrying",
                        what, options.target(), event.getAttemptCount(), statusOf(event.getLastException())))
                .build();
        return Failsafe.with(policy).get(call);
    }

    static boolean isRetryable(Throwable failure) {
        FlightStatusCode code = statusOf(failure);
        return code == FlightStatusCode.UNAVAILABLE || code == FlightStatusCode.INTERNAL;
    }

    private static FlightStatusCode statusOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof FlightRuntimeException flight) {
                return flight.status().code();
            }
            if (t instanceof FlightSqlException wrapped) {
                return wrapped.status();
            }
        }
        return null;
    }
}
