package framebudgets.flightsql;

import java.io.Serializable;
import java.util.Map;

/**
 * An input partition of a read with {@code on_error = record} whose query failed for good: its
 * constant columns (which say what it was reading, e.g. process_id and stream_id) and the error
 * message (status, server message, host:port; never credentials).
 */
public record FlightSqlFailure(Map<String, String> constants, String message) implements Serializable {
    public FlightSqlFailure {
        constants = Map.copyOf(constants);
    }
}
