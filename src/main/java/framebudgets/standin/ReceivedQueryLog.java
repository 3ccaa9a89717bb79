package framebudgets.standin;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.flight.CallHeaders;

/** The last statements DoGet received, when, with their text headers and the authorization value redacted. */
final class ReceivedQueryLog {

    static final int CAPACITY = 1000;
    static final String REDACTED = "[REDACTED]";

    private final ArrayDeque<StandinServer.ReceivedQuery> queries = new ArrayDeque<>();

    synchronized void record(String sql, CallHeaders headers) {
        Map<String, String> copy = new TreeMap<>();
        for (String key : headers.keys()) {
            if (key.endsWith("-bin")) {
                continue;
            }
            copy.put(key, key.equalsIgnoreCase("authorization") ? REDACTED : headers.get(key));
        }
        if (queries.size() == CAPACITY) {
            queries.removeFirst();
        }
        queries.addLast(new StandinServer.ReceivedQuery(sql, Collections.unmodifiableMap(copy), Instant.now()));
    }

    synchronized List<StandinServer.ReceivedQuery> snapshot() {
        return List.copyOf(queries);
    }
}
