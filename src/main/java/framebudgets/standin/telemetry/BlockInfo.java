package framebudgets.standin.telemetry;

import java.util.Objects;
import java.util.UUID;

/**
 * A row of micromegas' {@code blocks} (its own columns; the stream and process columns come from
 * the stream and process). Blocks of a stream whose ticks touch ({@code begin_ticks} of the next ==
 * {@code end_ticks} of the previous) form a run: one synthetic root row in {@code thread_spans}.
 */
public record BlockInfo(
        UUID blockId,
        UUID streamId,
        UUID processId,
        long beginTimeNs,
        long beginTicks,
        long endTimeNs,
        long endTicks,
        int nbObjects,
        long objectOffset,
        long payloadSize,
        long insertTimeNs) {

    public BlockInfo {
        Objects.requireNonNull(blockId, "blockId");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(processId, "processId");
        if (endTimeNs < beginTimeNs) {
            throw new IllegalArgumentException("block " + blockId + " ends (" + endTimeNs
                    + ") before it begins (" + beginTimeNs + ")");
        }
    }
}
