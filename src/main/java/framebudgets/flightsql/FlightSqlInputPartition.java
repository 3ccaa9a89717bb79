package framebudgets.flightsql;

import java.util.Map;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One Spark input partition: either one endpoint of a FlightInfo the driver already obtained
 * ({@code ticket} set, {@code location} null meaning the {@code uri} server), or one query of a
 * client-side partitioned read, which the executor runs itself (GetFlightInfo, then DoGet on each
 * of its endpoints in turn) and whose constant columns it adds to every batch.
 */
record FlightSqlInputPartition(int index, String sql, Map<String, String> headers, Map<String, String> constants,
                               byte[] ticket, String location) implements InputPartition {

    static FlightSqlInputPartition endpoint(int index, String sql, byte[] ticket, String location) {
        return new FlightSqlInputPartition(index, sql, Map.of(), Map.of(), ticket, location);
    }

    static FlightSqlInputPartition query(int index, FlightSqlQuery query) {
        return new FlightSqlInputPartition(index, query.sql(), query.headers(), query.constants(), null, null);
    }
}
