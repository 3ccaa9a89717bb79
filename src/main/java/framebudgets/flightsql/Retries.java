package framebudgets.flightsql;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedSupplier;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a call that failed with gRPC UNAVAILABLE, with exponential backoff and a bounded
 * number of attempts (options {@code retry.*}). Callers use it only where nothing has reached
 * Spark yet, so a retry can never duplicate rows.
 */
final class Retries {
    private static final Logger LOG = LoggerFactory.getLogger(Retries.class);

    private Retries() {}

    static <T> T onUnavailable(FlightSqlOptions options, String what, CheckedSupplier<T> call) {
        RetryPolicy<T> policy = RetryPolicy.<T>builder()
                .handleIf(Retries::isUnavailable)
                .withBackoff(options.retryInitialBackoff, options.retryMaxBackoff)
                .withMaxAttempts(options.retryMaxAttempts)
                .onRetry(event -> LOG.warn("{} on {}: attempt {} failed with UNAVAILABLE, retrying",
                        what, options.target(), event.getAttemptCount()))
                .build();
        return Failsafe.with(policy).get(call);
    }

    private static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof FlightRuntimeException flight) {
                return flight.status().code() == FlightStatusCode.UNAVAILABLE;
            }
            if (t instanceof FlightSqlException wrapped) {
                return wrapped.status() == FlightStatusCode.UNAVAILABLE;
            }
        }
        return false;
    }
}
