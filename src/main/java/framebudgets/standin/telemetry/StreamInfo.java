package framebudgets.standin.telemetry;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A row of micromegas' {@code streams}: one thread (or log/metrics) stream of a process. CPU thread
 * streams carry the tag {@code cpu} and the properties {@code thread-name} and {@code thread-id}.
 * {@code tags} may be null (the column is nullable in micromegas).
 */
public record StreamInfo(
        UUID streamId,
        UUID processId,
        List<String> tags,
        List<Property> properties,
        long insertTimeNs) {

    public StreamInfo {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(processId, "processId");
        tags = tags == null ? null : List.copyOf(tags);
        properties = List.copyOf(properties);
    }

    /** A CPU thread stream named like micromegas' Unreal sink names them. */
    public static StreamInfo cpuThread(UUID streamId, UUID processId, String threadName, long threadId,
            long insertTimeNs) {
        return new StreamInfo(streamId, processId, List.of("cpu"),
                List.of(Property.of("thread-name", threadName), Property.of("thread-id", Long.toString(threadId))),
                insertTimeNs);
    }
}
