package framebudgets.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording's CPU samples went, for bench/README.md's profiles: the share of
 * execution samples by the code area of the topmost frame that belongs to a known area (our
 * packages, Spark SQL codegen, Delta, Arrow/gRPC/Netty, DuckDB, Parquet, Jackson/Scala
 * reflection, class loading and the JIT's view of the JVM), the hottest methods (self), and the
 * recording's GC pauses, class loading and duration; plus inclusive shares (every marker found on
 * a sample's stack counts). Usage: {@code java -cp <test classpath> framebudgets.bench.JfrProfile
 * FILE.jfr [TOP [THREAD-NAME-PREFIX]]} (e.g. {@code "Executor task launch worker"}: Spark's tasks only).
 */
public final class JfrProfile {
    /** Package prefixes, most specific first: a sample counts for the first area found walking down from the top frame. */
    private static final Map<String, String> AREAS = new LinkedHashMap<>();

    static {
        AREAS.put("framebudgets.flightsql.", "our flightsql source");
        AREAS.put("framebudgets.report.", "our report (tally, budgets, duplicates)");
        AREAS.put("framebudgets.standin.", "stand-in server (DuckDB export)");
        AREAS.put("framebudgets.", "our other code");
        AREAS.put("org.duckdb.", "DuckDB JDBC");
        AREAS.put("org.apache.arrow.", "Arrow / Flight");
        AREAS.put("io.grpc.", "gRPC / Netty");
        AREAS.put("io.netty.", "gRPC / Netty");
        AREAS.put("org.apache.spark.sql.delta.", "Delta");
        AREAS.put("io.delta.", "Delta");
        AREAS.put("org.apache.parquet.", "Parquet");
        AREAS.put("org.apache.spark.sql.catalyst.expressions.GeneratedClass", "Spark generated code");
        AREAS.put("org.apache.spark.sql.catalyst.", "Spark Catalyst (planning, analysis)");
        AREAS.put("org.apache.spark.sql.execution.", "Spark SQL execution");
        AREAS.put("org.apache.spark.", "Spark core (scheduler, shuffle, storage)");
        AREAS.put("scala.", "Scala library");
        AREAS.put("com.fasterxml.jackson.", "Jackson");
        AREAS.put("org.apache.hadoop.", "Hadoop FS");
        AREAS.put("java.lang.ClassLoader", "class loading");
        AREAS.put("jdk.internal.loader.", "class loading");
        AREAS.put("java.util.zip.", "zip / jar reading");
    }

    /** Inclusive markers: the share of samples with a frame whose class.method starts with one of these anywhere on the stack. */
    private static final Map<String, String> INCLUSIVE = new LinkedHashMap<>();

    static {
        INCLUSIVE.put("java.lang.ClassLoader.loadClass", "class loading (ClassLoader.loadClass, inclusive)");
        INCLUSIVE.put("scala.reflect.", "Scala runtime reflection (encoders, type tags)");
        INCLUSIVE.put("org.apache.spark.SparkContext.<init>", "SparkContext start");
        INCLUSIVE.put("org.apache.spark.sql.SparkSession$Builder.getOrCreate", "SparkSession build");
        INCLUSIVE.put("org.apache.spark.sql.catalyst.analysis.", "Catalyst analysis");
        INCLUSIVE.put("org.apache.spark.sql.catalyst.optimizer.", "Catalyst optimizer");
        INCLUSIVE.put("org.apache.spark.sql.catalyst.expressions.codegen.", "code generation and its compiler");
        INCLUSIVE.put("org.codehaus.janino.", "Janino compiler");
        INCLUSIVE.put("org.apache.spark.sql.execution.QueryExecution.", "query planning/execution (QueryExecution)");
        INCLUSIVE.put("org.apache.spark.scheduler.", "Spark scheduler");
        INCLUSIVE.put("org.apache.spark.executor.Executor$TaskRunner.run", "running tasks (Executor TaskRunner)");
        INCLUSIVE.put("org.apache.spark.sql.delta.", "Delta (any)");
        INCLUSIVE.put("org.apache.spark.sql.delta.OptimisticTransaction", "Delta commits (OptimisticTransaction)");
        INCLUSIVE.put("org.apache.spark.sql.delta.Snapshot", "Delta snapshots");
        INCLUSIVE.put("org.apache.parquet.", "Parquet");
        INCLUSIVE.put("framebudgets.flightsql.", "our flightsql source (any)");
        INCLUSIVE.put("framebudgets.report.", "our report code (any)");
        INCLUSIVE.put("framebudgets.standin.", "stand-in server (any)");
        INCLUSIVE.put("org.duckdb.", "DuckDB JDBC (any)");
        INCLUSIVE.put("io.grpc.", "gRPC (any)");
        INCLUSIVE.put("framebudgets.flightsql.FlightSqlPartitionReader", "span read: our source's partition reader (Arrow batches in)");
        INCLUSIVE.put("ColumnarToRow", "columnar batch to rows");
        INCLUSIVE.put("UnsafeExternalRowSorter", "sort of each stream (duplicate marks)");
        INCLUSIVE.put("framebudgets.report.DuplicateSpans", "duplicate marking (row copies)");
        INCLUSIVE.put("deserializetoobject", "InternalRow to Row (mapPartitions input)");
        INCLUSIVE.put("serializefromobject", "Row to InternalRow (mapPartitions output)");
        INCLUSIVE.put("framebudgets.report.FrameBudgetTally", "frame index lookup and tally");
        INCLUSIVE.put("framebudgets.report.BudgetMap", "budget lookup (BudgetMap, in the UDF)");
        INCLUSIVE.put("org.apache.spark.sql.execution.aggregate.", "hash aggregates");
        INCLUSIVE.put("org.apache.spark.sql.execution.CollectMetricsExec", "data checks (observed metrics)");
        INCLUSIVE.put("org.apache.spark.shuffle.", "shuffle write/read");
        INCLUSIVE.put("org.apache.spark.storage.", "block manager (persisted reads, broadcasts)");
    }

    private JfrProfile() {}

    public static void main(String[] args) throws Exception {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        String onlyThreads = args.length > 2 ? args[2] : "";
        Map<String, Integer> byArea = new HashMap<>();
        Map<String, Integer> byMethod = new HashMap<>();
        Map<String, Integer> byThread = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> innermost = new HashMap<>();
        Map<String, Integer> byPath = new HashMap<>();
        int samples = 0;
        Duration gcPause = Duration.ZERO;
        int gcs = 0;
        long classesLoaded = 0;
        java.time.Instant first = null;
        java.time.Instant last = null;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            first = first == null || event.getStartTime().isBefore(first) ? event.getStartTime() : first;
            last = last == null || event.getEndTime().isAfter(last) ? event.getEndTime() : last;
            switch (event.getEventType().getName()) {
                case "jdk.ExecutionSample" -> {
                    String sampled = event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName();
                    if (sampled == null || !sampled.startsWith(onlyThreads)) {
                        continue;
                    }
                    samples++;
                    RecordedStackTrace stack = event.getStackTrace();
                    List<RecordedFrame> frames = stack == null ? List.of() : stack.getFrames();
                    byMethod.merge(frames.isEmpty() ? "(no stack)" : name(frames.get(0)), 1, Integer::sum);
                    StringBuilder path = new StringBuilder();
                    for (int f = 0; f < Math.min(4, frames.size()); f++) {
                        path.append(f == 0 ? "" : " <- ").append(name(frames.get(f)));
                    }
                    byPath.merge(path.length() == 0 ? "(no stack)" : path.toString(), 1, Integer::sum);
                    byArea.merge(area(frames), 1, Integer::sum);
                    java.util.Set<String> seen = new java.util.HashSet<>();
                    String innermostMarker = null;
                    for (RecordedFrame frame : frames) {
                        String name = name(frame);
                        for (Map.Entry<String, String> marker : INCLUSIVE.entrySet()) {
                            if (name.contains(marker.getKey()) && seen.add(marker.getValue())) {
                                inclusive.merge(marker.getValue(), 1, Integer::sum);
                                innermostMarker = innermostMarker == null ? marker.getValue() : innermostMarker;
                            }
                        }
                    }
                    innermost.merge(innermostMarker == null ? "(no marker)" : innermostMarker, 1, Integer::sum);
                    String thread = event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName();
                    byThread.merge(thread == null ? "?" : thread.replaceAll("[0-9]+", "N"), 1, Integer::sum);
                }
                case "jdk.GarbageCollection" -> {
                    gcs++;
                    gcPause = gcPause.plus(event.getDuration("sumOfPauses"));
                }
                case "jdk.ClassLoadingStatistics" -> classesLoaded = Math.max(classesLoaded, event.getLong("loadedClassCount"));
                default -> { }
            }
        }
        System.out.printf(Locale.ROOT, "%s: %.1f s recorded, %d execution samples, %d GCs pausing %d ms, %,d classes loaded%n",
                args[0], first == null ? 0 : Duration.between(first, last).toMillis() / 1000.0, samples, gcs,
                gcPause.toMillis(), classesLoaded);
        print("by area (first known frame from the top)", byArea, samples, top);
        print("inclusive (a sample counts for every marker on its stack)", inclusive, samples, INCLUSIVE.size());
        print("innermost marker (the marker nearest the top of each sample's stack)", innermost, samples, INCLUSIVE.size());
        print("by thread (numbers as N)", byThread, samples, 12);
        print("hottest methods (self)", byMethod, samples, top);
        print("hottest stacks (top 4 frames)", byPath, samples, top);
    }

    private static void print(String title, Map<String, Integer> counts, int total, int top) {
        System.out.println(title + ":");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
    }

    private static String area(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod() == null ? "" : frame.getMethod().getType().getName();
            for (Map.Entry<String, String> area : AREAS.entrySet()) {
                if (type.startsWith(area.getKey())) {
                    return area.getValue();
                }
            }
        }
        return frames.isEmpty() ? "(no stack)" : "JDK / other: " + name(frames.get(0));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod() == null ? "?" : frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
