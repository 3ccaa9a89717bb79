package framebudgets.standin;

import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallInfo;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.RequestContext;

/** Keeps each call's request headers so the producer can read micromegas' headers on DoGet. */
final class RequestHeaders implements FlightServerMiddleware {

    static final Key<RequestHeaders> KEY = Key.of("standin-request-headers");

    private final CallHeaders headers;

    private RequestHeaders(CallHeaders headers) {
        this.headers = headers;
    }

    CallHeaders headers() {
        return headers;
    }

    @Override
    public void onBeforeSendingHeaders(CallHeaders outgoingHeaders) {}

    @Override
    public void onCallCompleted(CallStatus status) {}

    @Override
    public void onCallErrored(Throwable err) {}

    /** Creates the per-call middleware. */
    static final class Factory implements FlightServerMiddleware.Factory<RequestHeaders> {
        @Override
        public RequestHeaders onCallStarted(CallInfo info, CallHeaders incomingHeaders, RequestContext context) {
            return new RequestHeaders(incomingHeaders);
        }
    }
}
