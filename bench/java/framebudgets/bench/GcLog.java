package framebudgets.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a JVM's GC log ({@code -Xlog:gc*}, see {@link JobJvm#gcLog}) says about its heap: the heap in
 * use after each GC pause is an upper bound of its live data, so a peak RSS that grew while the heap
 * after GC stayed flat is the heap growing into {@code -Xmx}, not data that grows with the input.
 *
 * @param pauses      GC pauses with heap figures (young, mixed, full, remark, cleanup)
 * @param fullPauses  of which full GCs
 * @param maxAfterMb  the largest heap in use after a pause
 * @param lastAfterMb the heap in use after the last pause
 * @param maxBeforeMb the largest heap in use before a pause
 * @param maxSizeMb   the largest heap size (committed) the log shows
 */
record GcLog(int pauses, int fullPauses, long maxAfterMb, long lastAfterMb, long maxBeforeMb, long maxSizeMb) {

    /** The summary line of a pause, e.g. {@code [0.962s][info][gc          ] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 12M->4M(256M) 6.180ms}. */
    private static final Pattern PAUSE = Pattern.compile("\\[gc\\s*\\] GC\\(\\d+\\) Pause (\\w+).* (\\d+)M->(\\d+)M\\((\\d+)M\\) [\\d.]+ms$");

    static GcLog read(Path file) throws IOException {
        int pauses = 0;
        int full = 0;
        long maxAfter = 0;
        long lastAfter = 0;
        long maxBefore = 0;
        long maxSize = 0;
        try (Stream<String> lines = Files.lines(file)) {
            for (String line : (Iterable<String>) lines::iterator) {
                Matcher m = PAUSE.matcher(line);
                if (!m.find()) {
                    continue;
                }
                pauses++;
                if (m.group(1).equals("Full")) {
                    full++;
                }
                long before = Long.parseLong(m.group(2));
                lastAfter = Long.parseLong(m.group(3));
                maxAfter = Math.max(maxAfter, lastAfter);
                maxBefore = Math.max(maxBefore, before);
                maxSize = Math.max(maxSize, Long.parseLong(m.group(4)));
            }
        }
        return new GcLog(pauses, full, maxAfter, lastAfter, maxBefore, maxSize);
    }

    /** For the notes: "heap after GC max 412 MB, last 230 MB (38 pauses, 0 full; before GC max 1,020 MB; heap size max 1,536 MB)". */
    String describe() {
        return String.format(Locale.ROOT, "heap after GC max %,d MB, last %,d MB (%d pauses, %d full; before GC max %,d MB; "
                + "heap size max %,d MB)", maxAfterMb, lastAfterMb, pauses, fullPauses, maxBeforeMb, maxSizeMb);
    }
}
