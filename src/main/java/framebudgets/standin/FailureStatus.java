package framebudgets.standin;

import java.util.UUID;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightRuntimeException;

/**
 * The gRPC status a failed query ends with. micromegas 0.11 answers INTERNAL for everything. Since
 * 0.29 it classifies the root cause: SQL, plan and schema errors are INVALID_ARGUMENT, memory
 * RESOURCE_EXHAUSTED, NotImplemented UNIMPLEMENTED, and the rest (errors of its own table
 * functions, such as thread_spans' "query range mandatory" and "Stream not found") stays INTERNAL;
 * every message ends with {@code (query_id=<uuid>)}. DuckDB's errors are mapped likewise.
 */
final class FailureStatus {
    /** Messages of the stand-in's own table functions (micromegas' External errors: INTERNAL). */
    private static final String[] INTERNAL_CAUSES = {"query range mandatory", "Stream not found", "error making view",
        " not found (", "is not a stream UUID"};

    private FailureStatus() {}

    /** The failure of a query that DuckDB rejected or that broke while streaming. */
    static FlightRuntimeException of(MicromegasProfile profile, String message, boolean whilePlanning) {
        if (profile == MicromegasProfile.V0_11) {
            return CallStatus.INTERNAL.withDescription(message).toRuntimeException();
        }
        CallStatus status = whilePlanning ? CallStatus.INVALID_ARGUMENT : CallStatus.INTERNAL;
        if (message.contains("Out of Memory Error")) {
            status = CallStatus.RESOURCE_EXHAUSTED;
        } else if (message.contains("Not implemented Error")) {
            status = CallStatus.UNIMPLEMENTED;
        } else if (isInternal(message)) {
            status = CallStatus.INTERNAL;
        }
        return status.withDescription(message + " (query_id=" + UUID.randomUUID() + ")").toRuntimeException();
    }

    private static boolean isInternal(String message) {
        for (String cause : INTERNAL_CAUSES) {
            if (message.contains(cause)) {
                return true;
            }
        }
        return message.matches("(?s).*stream \\S+ not found.*");
    }
}
