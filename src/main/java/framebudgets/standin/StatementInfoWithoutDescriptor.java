package framebudgets.standin;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import org.apache.arrow.flight.impl.Flight;
import org.apache.arrow.flight.impl.FlightServiceGrpc;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementQuery;

/**
 * What micromegas 0.33 sends for GetFlightInfo on a statement ({@code get_flight_info_statement} in
 * its {@code flight_sql_service_impl.rs}): a FlightInfo with <em>no</em> FlightDescriptor. Arrow
 * Java's {@code FlightInfo} always writes one, so the newest profile strips it on the wire. Arrow
 * Java clients then fail to read the answer (UnsupportedOperationException in
 * {@code FlightDescriptor.<init>}), which is exactly what the job meets on the real server. Other
 * FlightInfos (tables, SQL info) keep their descriptor, as in micromegas.
 */
final class StatementInfoWithoutDescriptor implements ServerInterceptor {

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        if (!FlightServiceGrpc.getGetFlightInfoMethod().getFullMethodName()
                .equals(call.getMethodDescriptor().getFullMethodName())) {
            return next.startCall(call, headers);
        }
        return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            @SuppressWarnings("unchecked")
            public void sendMessage(R message) {
                if (message instanceof Flight.FlightInfo info && isStatement(info.getFlightDescriptor())) {
                    super.sendMessage((R) info.toBuilder().clearFlightDescriptor().build());
                } else {
                    super.sendMessage(message);
                }
            }
        }, headers);
    }

    private static boolean isStatement(Flight.FlightDescriptor descriptor) {
        try {
            return Any.parseFrom(descriptor.getCmd()).is(CommandStatementQuery.class);
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }
}
