package framebudgets.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Spark jobs and tasks of a run in another JVM, by phase, read from its Spark event log
 * ({@code spark.eventLog.enabled}): the job's phases name their jobs ({@code spark.job.description}),
 * as {@link SparkJobTally} counts them in this JVM.
 */
final class EventLogJobs {
    private final Map<String, int[]> byPhase = new LinkedHashMap<>();
    private long firstJobMillis = -1;
    private long appStartMillis = -1;

    /** Reads the one event log in {@code dir} (uncompressed, not rolled: {@code spark.eventLog.compress=false}, {@code rolling.enabled=false}). */
    static EventLogJobs read(Path dir) throws IOException {
        List<Path> logs;
        try (Stream<Path> files = Files.walk(dir)) {
            logs = files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).toList();
        }
        if (logs.size() != 1) {
            throw new IllegalStateException("expected one Spark event log in " + dir + ", found " + logs);
        }
        EventLogJobs jobs = new EventLogJobs();
        ObjectMapper json = new ObjectMapper();
        Map<Integer, int[]> byStage = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(logs.get(0))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode event = json.readTree(line);
                switch (event.path("Event").asText()) {
                    case "SparkListenerApplicationStart" -> jobs.appStartMillis = event.path("Timestamp").asLong();
                    case "SparkListenerJobStart" -> {
                        String phase = event.path("Properties").path("spark.job.description").asText("(no phase)")
                                .replace("frame-budgets: ", "");
                        int[] counts = jobs.byPhase.computeIfAbsent(phase, p -> new int[2]);
                        counts[0]++;
                        if (jobs.firstJobMillis < 0) {
                            jobs.firstJobMillis = event.path("Submission Time").asLong();
                        }
                        event.path("Stage IDs").forEach(id -> byStage.put(id.asInt(), counts));
                    }
                    case "SparkListenerTaskEnd" -> {
                        int[] counts = byStage.get(event.path("Stage ID").asInt());
                        if (counts != null) {
                            counts[1]++;
                        }
                    }
                    default -> { }
                }
            }
        }
        return jobs;
    }

    int jobs() {
        return byPhase.values().stream().mapToInt(c -> c[0]).sum();
    }

    int tasks() {
        return byPhase.values().stream().mapToInt(c -> c[1]).sum();
    }

    /** Milliseconds from the SparkContext's start to the first job (-1 without one). */
    long millisToFirstJob() {
        return firstJobMillis < 0 || appStartMillis < 0 ? -1 : firstJobMillis - appStartMillis;
    }

    @Override
    public String toString() {
        return jobs() + " Spark jobs (" + tasks() + " tasks; jobs/tasks per phase: " + byPhase.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()[0] + "/" + e.getValue()[1])
                .collect(Collectors.joining(", ")) + ")";
    }
}
