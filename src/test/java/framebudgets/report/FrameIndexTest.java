package framebudgets.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/**
 * The frame index finds exactly the frames containing a span (inclusive bounds), by brute force over
 * random frames that nest, overlap, touch, and include one frame as long as the whole session; it
 * counts identical frames as copies of one and keeps timelines apart by process (all threads) or by
 * process and stream (main thread).
 */
class FrameIndexTest {

    @Test
    void findsExactlyTheContainingFramesOfEverySpan() {
        Random random = new Random(4L);
        List<Row> frames = new ArrayList<>();
        frames.add(RowFactory.create("p", "main", 0L, 1_000_000L));
        for (int i = 0; i < 300; i++) {
            long begin = random.nextInt(1_000_000);
            long length = random.nextInt(10) == 0 ? random.nextInt(200_000) : random.nextInt(3_000);
            frames.add(RowFactory.create("p", "main", begin, begin + length));
        }
        frames.add(RowFactory.create("p", "main", 500L, 500L));
        FrameIndex index = FrameIndex.of(frames, ThreadMode.ALL_THREADS);
        FrameIndex.Timeline timeline = index.timeline("p", "worker");

        for (int i = 0; i < 20_000; i++) {
            long begin = i == 0 ? 500L : random.nextInt(1_100_000) - 50_000;
            long end = i == 0 ? 500L : begin + (random.nextInt(4) == 0 ? random.nextInt(100_000) : random.nextInt(500));
            TreeSet<List<Long>> expected = new TreeSet<>(FrameIndexTest::compare);
            for (Row f : frames) {
                if (f.getLong(2) <= begin && end <= f.getLong(3)) {
                    expected.add(List.of(f.getLong(2), f.getLong(3)));
                }
            }
            TreeSet<List<Long>> found = new TreeSet<>(FrameIndexTest::compare);
            timeline.forEachContaining(begin, end, frame ->
                    assertTrue(found.add(List.of(index.begin(frame), index.end(frame))), "each frame once"));
            assertEquals(expected, found, "span [" + begin + ", " + end + "]");
        }
    }

    private static int compare(List<Long> a, List<Long> b) {
        int byBegin = Long.compare(a.get(0), b.get(0));
        return byBegin != 0 ? byBegin : Long.compare(a.get(1), b.get(1));
    }

    @Test
    void timelinesFollowTheThreadMode() {
        List<Row> frames = List.of(RowFactory.create("p1", "main", 0L, 100L), RowFactory.create("p2", "main", 0L, 100L),
                RowFactory.create("p1", "main", 0L, 100L));
        FrameIndex allThreads = FrameIndex.of(frames, ThreadMode.ALL_THREADS);
        List<Integer> found = new ArrayList<>();
        allThreads.timeline("p2", "worker").forEachContaining(10, 20, found::add);
        assertEquals(List.of(1), found);
        assertEquals(2L, allThreads.copies(0), "identical frames are one frame with two copies");
        assertEquals(List.of("p2", "main", 0L, 100L, 1L), List.of(allThreads.processId(1), allThreads.streamId(1),
                allThreads.begin(1), allThreads.end(1), allThreads.copies(1)));
        assertNull(allThreads.timeline("p3", "main"));

        List<Row> nullIds = List.of(RowFactory.create(null, "main", 0L, 100L), RowFactory.create("p1", null, 0L, 100L));
        found.clear();
        FrameIndex.of(nullIds, ThreadMode.ALL_THREADS).timeline("p1", "worker").forEachContaining(10, 20, found::add);
        assertEquals(List.of(0), found, "all threads: a frame without a stream still contains its process's spans");
        assertNull(FrameIndex.of(nullIds, ThreadMode.ALL_THREADS).timeline(null, "main"), "null equals nothing");
        assertNull(FrameIndex.of(nullIds, ThreadMode.MAIN_THREAD).timeline("p1", null));

        FrameIndex mainThread = FrameIndex.of(frames, ThreadMode.MAIN_THREAD);
        assertNull(mainThread.timeline("p1", "worker"));
        found.clear();
        mainThread.timeline("p1", "main").forEachContaining(0, 100, found::add);
        assertEquals(List.of(0), found);
    }
}
