package framebudgets.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory benchmark's reading of a GC log, on the log of a real JVM that keeps a known amount of live data. */
class GcLogTest {

    /** Keeps 32 MB live through young GCs, then asks for a full GC with 32 MB still live and one with nothing live. */
    public static final class Allocator {
        public static void main(String[] args) {
            List<byte[]> live = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                live.add(new byte[1 << 20]);
            }
            long garbage = 0;
            for (int i = 0; i < 20_000; i++) {
                garbage += new byte[64 << 10].length;
            }
            System.gc();
            System.out.println(live.size() + " MB live, " + (garbage >> 20) + " MB garbage");
            live.clear();
            System.gc();
        }
    }

    @TempDir
    Path dir;

    @Test
    void readsTheHeapAfterEachPause() throws Exception {
        Path log = dir.resolve("gc.log");
        Process jvm = new ProcessBuilder(JobJvm.java(), "-Xmx256m", "-XX:+UseG1GC", JobJvm.gcLog(log),
                "-cp", JobJvm.classpath(), Allocator.class.getName())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        assertTrue(jvm.waitFor(60, TimeUnit.SECONDS), "the allocating JVM did not finish");
        assertEquals(0, jvm.exitValue(), Files.readString(dir.resolve("out.txt")));

        GcLog gc = GcLog.read(log);

        assertTrue(gc.pauses() >= 3, "young pauses and two full ones: " + gc);
        assertEquals(2, gc.fullPauses(), gc.toString());
        assertTrue(gc.maxAfterMb() >= 32 && gc.maxAfterMb() < 128, "32 MB stayed live through the first full GC: " + gc);
        assertTrue(gc.lastAfterMb() < 32, "nothing was live at the last full GC: " + gc);
        assertTrue(gc.maxBeforeMb() >= gc.maxAfterMb() && gc.maxSizeMb() >= gc.maxBeforeMb() && gc.maxSizeMb() <= 256, gc.toString());
        assertTrue(gc.describe().startsWith("heap after GC max " + gc.maxAfterMb() + " MB, last " + gc.lastAfterMb() + " MB"),
                gc.describe());
    }
}
