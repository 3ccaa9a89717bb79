package framebudgets.report;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.apache.spark.sql.Row;

/**
 * The report's frames, small enough to broadcast, arranged so that the frames containing a
 * span are found by lookup instead of a join: per timeline (a process in
 * {@link ThreadMode#ALL_THREADS} mode, a process and stream in {@link ThreadMode#MAIN_THREAD} mode)
 * the frames sorted by begin, and over them a tree of the largest frame end per range. A span's
 * containing frames are among those beginning at or before it (a binary search); of these, the
 * tree leads straight to the ones ending at or after it, so a lookup costs
 * O((1 + frames found) × log frames) however frames overlap or nest. Containment is the seed's,
 * inclusive and nanosecond-exact.
 */
final class FrameIndex implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ThreadMode threadMode;
    private final Map<List<String>, Timeline> timelines;
    private final String[] processIds;
    private final String[] streamIds;
    private final long[] begins;
    private final long[] ends;
    private final long[] copies;

    private FrameIndex(ThreadMode threadMode, Map<List<String>, Timeline> timelines, String[] processIds,
                       String[] streamIds, long[] begins, long[] ends, long[] copies) {
        this.threadMode = threadMode;
        this.timelines = timelines;
        this.processIds = processIds;
        this.streamIds = streamIds;
        this.begins = begins;
        this.ends = ends;
        this.copies = copies;
    }

    /**
     * @param frames frames {@code process_id, stream_id, frame_begin, frame_end} (strings, then longs),
     *     none ending before it begins; identical frames become one frame with their number of copies;
     *     a frame with a null id that the thread mode compares contains nothing (as in a join, null
     *     equals nothing) and is left out
     */
    static FrameIndex of(List<Row> frames, ThreadMode threadMode) {
        Map<List<Object>, Long> copiesOfFrame = new LinkedHashMap<>();
        Map<String, String> shared = new HashMap<>();
        for (Row f : frames) {
            String processId = f.getString(0);
            String streamId = f.isNullAt(1) ? null : shared.computeIfAbsent(f.getString(1), id -> id);
            if (processId == null || (streamId == null && threadMode == ThreadMode.MAIN_THREAD)) {
                continue;
            }
            List<Object> frame = Arrays.asList(shared.computeIfAbsent(processId, id -> id), streamId, f.getLong(2), f.getLong(3));
            copiesOfFrame.merge(frame, 1L, Long::sum);
        }
        int n = copiesOfFrame.size();
        String[] processIds = new String[n];
        String[] streamIds = new String[n];
        long[] begins = new long[n];
        long[] ends = new long[n];
        long[] copies = new long[n];
        Map<List<String>, List<Integer>> byTimeline = new HashMap<>();
        int i = 0;
        for (Map.Entry<List<Object>, Long> frame : copiesOfFrame.entrySet()) {
            processIds[i] = (String) frame.getKey().get(0);
            streamIds[i] = (String) frame.getKey().get(1);
            begins[i] = (Long) frame.getKey().get(2);
            ends[i] = (Long) frame.getKey().get(3);
            copies[i] = frame.getValue();
            byTimeline.computeIfAbsent(timelineKey(threadMode, processIds[i], streamIds[i]), k -> new ArrayList<>()).add(i);
            i++;
        }
        Map<List<String>, Timeline> timelines = new HashMap<>();
        byTimeline.forEach((key, ids) -> {
            ids.sort(Comparator.<Integer>comparingLong(f -> begins[f]).thenComparingLong(f -> ends[f]));
            timelines.put(key, new Timeline(ids.stream().mapToInt(Integer::intValue).toArray(), begins, ends));
        });
        return new FrameIndex(threadMode, timelines, processIds, streamIds, begins, ends, copies);
    }

    /** The frames a span of this process and stream may fall in; null when there are none (or an id is null). */
    Timeline timeline(String processId, String streamId) {
        if (processId == null || (streamId == null && threadMode == ThreadMode.MAIN_THREAD)) {
            return null;
        }
        return timelines.get(timelineKey(threadMode, processId, streamId));
    }

    String processId(int frame) {
        return processIds[frame];
    }

    String streamId(int frame) {
        return streamIds[frame];
    }

    long begin(int frame) {
        return begins[frame];
    }

    long end(int frame) {
        return ends[frame];
    }

    long copies(int frame) {
        return copies[frame];
    }

    private static List<String> timelineKey(ThreadMode threadMode, String processId, String streamId) {
        return threadMode == ThreadMode.MAIN_THREAD ? List.of(processId, streamId) : List.of(processId);
    }

    /** The frames of one timeline, sorted by begin, with a max-end tree over that order. */
    static final class Timeline implements Serializable {
        private static final long serialVersionUID = 1L;

        private final int[] frames;
        private final long[] sortedBegins;
        private final long[] maxEnd;
        private final int leaves;

        private Timeline(int[] frames, long[] begins, long[] ends) {
            this.frames = frames;
            this.sortedBegins = new long[frames.length];
            int size = 1;
            while (size < frames.length) {
                size <<= 1;
            }
            this.leaves = size;
            this.maxEnd = new long[2 * size];
            Arrays.fill(maxEnd, Long.MIN_VALUE);
            for (int i = 0; i < frames.length; i++) {
                sortedBegins[i] = begins[frames[i]];
                maxEnd[size + i] = ends[frames[i]];
            }
            for (int node = size - 1; node >= 1; node--) {
                maxEnd[node] = Math.max(maxEnd[2 * node], maxEnd[2 * node + 1]);
            }
        }

        /** Calls {@code frame} with each frame {@code f} such that {@code begin(f) <= begin && end <= end(f)}. */
        void forEachContaining(long begin, long end, IntConsumer frame) {
            int last = lastBeginningAtOrBefore(begin);
            if (last >= 0) {
                visit(1, 0, leaves - 1, last, end, frame);
            }
        }

        private int lastBeginningAtOrBefore(long time) {
            int lo = 0;
            int hi = sortedBegins.length - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (sortedBegins[mid] <= time) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found;
        }

        private void visit(int node, int from, int to, int last, long end, IntConsumer frame) {
            if (from > last || maxEnd[node] < end) {
                return;
            }
            if (from == to) {
                frame.accept(frames[from]);
                return;
            }
            int middle = (from + to) >>> 1;
            visit(2 * node, from, middle, last, end, frame);
            visit(2 * node + 1, middle + 1, to, last, end, frame);
        }
    }
}
