package framebudgets.standin;

import java.time.Duration;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallInfo;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.RequestContext;

/**
 * Every call waits a fixed time before it is authenticated and answered, imitating a server across
 * a network: a run's calls then spread over a known minimum time (e.g. longer than a token lives).
 */
final class NetworkLatency implements FlightServerMiddleware {

    static final Key<NetworkLatency> KEY = Key.of("standin-network-latency");
    private static final NetworkLatency INSTANCE = new NetworkLatency();

    private NetworkLatency() {}

    @Override
    public void onBeforeSendingHeaders(CallHeaders outgoingHeaders) {}

    @Override
    public void onCallCompleted(CallStatus status) {}

    @Override
    public void onCallErrored(Throwable err) {}

    /** Waits {@code latency} when each call starts. */
    static final class Factory implements FlightServerMiddleware.Factory<NetworkLatency> {
        private final long millis;

        Factory(Duration latency) {
            this.millis = latency.toMillis();
        }

        @Override
        public NetworkLatency onCallStarted(CallInfo info, CallHeaders incomingHeaders, RequestContext context) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CallStatus.CANCELLED.withDescription("server shutting down").toRuntimeException();
            }
            return INSTANCE;
        }
    }
}
