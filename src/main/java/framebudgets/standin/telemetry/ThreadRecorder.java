package framebudgets.standin.telemetry;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records the spans of one generated thread the way micromegas would store them: events counted
 * into fixed-length blocks, span ids = stream-wide index of the begin event, and, when blocks are
 * sampled, only spans inside kept block runs (clipped to the run, as micromegas' call tree does).
 */
final class ThreadRecorder {

    private static final int MAX_DEPTH = 64;

    private final TelemetryWriter writer;
    private final Map<String, Integer> scopeIds;
    private final ProcessInfo process;
    private final UUID streamId;
    private final long origin;
    private final long blockLength;
    private final long[] blockEvents;
    private final boolean[] kept;
    private final long[] runBegin;
    private final long[] runEnd;
    private final int[] stackScope = new int[MAX_DEPTH];
    private final long[] stackId = new long[MAX_DEPTH];
    private final long[] stackBegin = new long[MAX_DEPTH];
    private int depth;
    private long events;
    private long spans;

    /**
     * @param sampledRanges null to keep every block, else the ranges that keep the blocks they overlap
     */
    ThreadRecorder(TelemetryWriter writer, Map<String, Integer> scopeIds, ProcessInfo process, UUID streamId,
            long origin, long end, long blockLength, List<long[]> sampledRanges) {
        this.writer = writer;
        this.scopeIds = scopeIds;
        this.process = process;
        this.streamId = streamId;
        this.origin = origin;
        this.blockLength = blockLength;
        int blocks = (int) Math.max(1, (end - origin + blockLength - 1) / blockLength);
        this.blockEvents = new long[blocks];
        this.kept = new boolean[blocks];
        List<long[]> runs = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            kept[b] = sampledRanges == null || overlapsAny(sampledRanges, blockBegin(b), blockEnd(b));
            if (kept[b]) {
                if (b > 0 && kept[b - 1]) {
                    runs.get(runs.size() - 1)[1] = blockEnd(b);
                } else {
                    runs.add(new long[] {blockBegin(b), blockEnd(b)});
                }
            }
        }
        this.runBegin = runs.stream().mapToLong(r -> r[0]).toArray();
        this.runEnd = runs.stream().mapToLong(r -> r[1]).toArray();
    }

    /** True when some kept block run overlaps [begin, end]: spans there will be stored. */
    boolean keeps(long begin, long end) {
        int r = firstRunEndingAtOrAfter(begin);
        return r < runBegin.length && runBegin[r] <= end;
    }

    void open(String name, long begin) {
        Integer scope = scopeIds.get(name);
        if (scope == null) {
            throw new IllegalStateException("span name missing from the catalogue: " + name);
        }
        stackScope[depth] = scope;
        stackId[depth] = events;
        stackBegin[depth] = begin;
        depth++;
        count(begin);
    }

    void close(long requestedEnd) throws SQLException {
        depth--;
        long begin = stackBegin[depth];
        long end = Math.max(begin, requestedEnd);
        count(end);
        int r = firstRunEndingAtOrAfter(begin);
        if (r < runBegin.length && runBegin[r] <= end) {
            long parent = depth == 0 ? -1 : stackId[depth - 1];
            writer.addSpan(streamId, stackId[depth], parent, depth + 1, Math.max(begin, runBegin[r]),
                    Math.min(end, runEnd[r]), stackScope[depth]);
            spans++;
        }
    }

    void leaf(String name, long begin, long end) throws SQLException {
        open(name, begin);
        close(end);
    }

    /** Accounts for {@code count} events at {@code at} that were not generated (outside kept blocks). */
    void skip(long at, long count) {
        events += count;
        blockEvents[blockIndex(at)] += count;
    }

    long spans() {
        return spans;
    }

    /** Writes the kept blocks; returns how many. */
    int writeBlocks() throws SQLException {
        long offset = 0;
        int written = 0;
        for (int b = 0; b < blockEvents.length; b++) {
            int objects = (int) Math.min(Integer.MAX_VALUE, blockEvents[b]);
            if (kept[b]) {
                long begin = blockBegin(b);
                long end = blockEnd(b);
                writer.addBlock(new BlockInfo(TelemetryWriter.blockId(streamId, begin), streamId,
                        process.processId(), begin, process.ticksAt(begin), end, process.ticksAt(end), objects,
                        offset, TelemetryWriter.plausiblePayloadSize(objects), end + 1_000_000_000L + b % 7 * 100_000_000L));
                written++;
            }
            offset += objects;
        }
        return written;
    }

    private void count(long at) {
        events++;
        blockEvents[blockIndex(at)]++;
    }

    private int blockIndex(long at) {
        long index = (at - origin) / blockLength;
        return (int) Math.max(0, Math.min(blockEvents.length - 1, index));
    }

    private long blockBegin(int b) {
        return origin + b * blockLength;
    }

    private long blockEnd(int b) {
        return origin + (b + 1) * blockLength;
    }

    private int firstRunEndingAtOrAfter(long time) {
        int i = Arrays.binarySearch(runEnd, time);
        return i >= 0 ? i : -i - 1;
    }

    private static boolean overlapsAny(List<long[]> ranges, long begin, long end) {
        for (long[] range : ranges) {
            if (range[0] <= end && range[1] >= begin) {
                return true;
            }
        }
        return false;
    }
}
