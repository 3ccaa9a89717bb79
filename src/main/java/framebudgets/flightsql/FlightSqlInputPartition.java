package framebudgets.flightsql;

import java.net.URI;
import java.util.Map;
import org.apache.arrow.flight.Ticket;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One Spark input partition of a {@code flightsql} read: either one endpoint of the FlightInfo the
 * driver obtained for a single {@code query} ({@link Endpoint}), or one query of a client-side
 * partitioned read ({@link Query}), which its executor runs itself (GetFlightInfo, then DoGet on
 * each of its endpoints in turn), adding its constant columns to every batch.
 */
sealed interface FlightSqlInputPartition extends InputPartition {

    /** Position among the read's partitions, for messages. */
    int index();

    /** Headers sent with this partition's calls, over the read's {@code headers.*} options. */
    Map<String, String> headers();

    /** Constant string columns added to every row of this partition. */
    Map<String, String> constants();

    /**
     * DoGet {@code ticket} on {@code location} ({@code null}: the {@code uri} server). The location is
     * kept as text: a partition is serialized to the executors.
     */
    record Endpoint(int index, byte[] ticket, String location) implements FlightSqlInputPartition {
        static Endpoint of(int index, Endpoints.Endpoint endpoint) {
            return new Endpoint(index, endpoint.ticket().getBytes(),
                    endpoint.location() == null ? null : endpoint.location().toString());
        }

        Endpoints.Endpoint endpoint() {
            return new Endpoints.Endpoint(new Ticket(ticket),
                    location == null ? null : URI.create(location));
        }

        @Override
        public Map<String, String> headers() {
            return Map.of();
        }

        @Override
        public Map<String, String> constants() {
            return Map.of();
        }
    }

    /** Run {@code query} (GetFlightInfo with its headers) and read every endpoint of its answer. */
    record Query(int index, FlightSqlQuery query) implements FlightSqlInputPartition {
        @Override
        public Map<String, String> headers() {
            return query.headers();
        }

        @Override
        public Map<String, String> constants() {
            return query.constants();
        }
    }
}
