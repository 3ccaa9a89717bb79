package framebudgets.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.standin.StandinMain;
import framebudgets.testing.SharedSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster jar on a real Spark standalone cluster (a Master and two Workers on 127.0.0.1),
 * submitted by ./submit.sh against the stand-in server with an API key, writes the same Delta
 * tables as a local run on the same data; the token reaches the executors without being in their
 * environment, and appears in no log, event log or command line.
 */
class StandaloneClusterIT {
    private static final String DATE = "2025-07-24";
    private static final List<String> REPORT_TABLES = List.of("aggregates_by_process", "aggregates_by_exe", "top_offenders");

    @TempDir
    static Path dir;

    static Path projectDir;
    static Path clusterJar;
    static String clusterClasspath;

    @BeforeAll
    static void resolveClusterClasspath() throws Exception {
        projectDir = Path.of(ClusterClasspath.property("framebudgets.project.dir"));
        clusterJar = Path.of(ClusterClasspath.property("framebudgets.cluster.jar"));
        assertTrue(Files.isRegularFile(clusterJar), clusterJar + " is missing: the IT runs after `package`");
        System.out.printf("cluster jar: %s, %.1f MB%n", clusterJar.getFileName(), Files.size(clusterJar) / 1e6);
        clusterClasspath = ClusterClasspath.resolve(projectDir, dir);
    }

    @Test
    void clusterJarBundlesNothingTheClusterAlreadyHas() throws IOException {
        Set<String> bundled = classes(clusterJar);
        assertTrue(bundled.contains("framebudgets/FrameBudgetJob.class"));
        assertTrue(bundled.contains("org/apache/arrow/flight/sql/FlightSqlClient.class"));
        List<String> duplicates = new ArrayList<>();
        for (String jar : clusterClasspath.split(":")) {
            Set<String> both = classes(Path.of(jar));
            both.retainAll(bundled);
            if (!both.isEmpty()) {
                duplicates.add(Path.of(jar).getFileName() + " (" + both.size() + " classes, e.g. " + both.iterator().next() + ")");
            }
        }
        assertEquals(List.of(), duplicates, "classes of the cluster jar also on the cluster's classpath");
    }

    @Test
    void clusterRunWritesWhatALocalRunWrites() throws Exception {
        String token = "cluster-it-" + UUID.randomUUID();
        long started = System.nanoTime();
        try (StandinMain.Running standin = StandinMain.launch(new String[] {
                    "--port", "0", "--seed", "11", "--processes", "2", "--minutes", "0.5", "--spans-per-frame", "120",
                    "--workers", "2", "--api-key", "cluster-it=" + token, "--start", DATE + "T12:00:00Z"}, Map.of());
             StandaloneCluster cluster = StandaloneCluster.start(clusterClasspath, jvmOpens(), dir, 2)) {
            System.out.printf("cluster up at %s after %.1f s%n", cluster.masterUrl(), seconds(started));
            Path conf = writeConfigs(standin.server().uri().toString());
            Path events = Files.createDirectories(dir.resolve("events"));

            long local = System.nanoTime();
            String localOut = submit("submit-local", Map.of("MICROMEGAS_TOKEN", token),
                    "--conf", conf.resolve("local.conf").toString(), "--date", DATE,
                    "--conf", "spark.ui.enabled=false", "--conf", "spark.sql.shuffle.partitions=4",
                    "--conf", "spark.databricks.delta.snapshotPartitions=2");
            System.out.printf("local run: %.1f s%n", seconds(local));

            long remote = System.nanoTime();
            Map<String, String> env = new HashMap<>(cluster.environment());
            env.put("MICROMEGAS_TOKEN", token);
            String clusterOut = submit("submit-cluster", env,
                    "--master", cluster.masterUrl(), "--conf", conf.resolve("cluster.conf").toString(), "--date", DATE,
                    "--driver-memory", "1g", "--executor-memory", "1g",
                    "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                    "--conf", "spark.ui.enabled=false", "--conf", "spark.sql.shuffle.partitions=4",
                    "--conf", "spark.databricks.delta.snapshotPartitions=2",
                    "--conf", "spark.eventLog.enabled=true", "--conf", "spark.eventLog.dir=" + events.toUri(),
                    "--conf", "spark.eventLog.compress=false");
            System.out.printf("cluster run: %.1f s%n", seconds(remote));

            assertTrue(clusterOut.contains(clusterJar.getFileName().toString()), "submit.sh submits the cluster jar:\n" + clusterOut);
            List<Path> executors = executorDirs(cluster);
            assertEquals(2, executors.size(), "one executor per Worker: " + executors);
            for (Path executor : executors) {
                assertTrue(Files.isRegularFile(executor.resolve("cluster.conf")), "--files reached executor " + executor);
            }
            List<String> executorLogs = new ArrayList<>();
            for (Path executor : executors) {
                executorLogs.addAll(filesUnder(executor));
            }
            assertTrue(executorLogs.stream().anyMatch(log -> log.contains("Finished task")), "the executors ran tasks");

            SparkSession spark = SharedSpark.get();
            for (String table : REPORT_TABLES) {
                assertSameRows(table, report(spark, "out-local", table), report(spark, "out-cluster", table));
            }
            assertSameRows("run_log", runLog(spark, "out-local"), runLog(spark, "out-cluster"));

            List<String> everything = new ArrayList<>(List.of(localOut, clusterOut));
            everything.addAll(executorLogs);
            everything.addAll(cluster.daemonLogs());
            List<String> eventLogs = filesUnder(events);
            assertTrue(eventLogs.stream().anyMatch(log -> log.contains("\"Event\":\"SparkListenerEnvironmentUpdate\"")),
                    "the event log (what the UI's Environment tab shows) is readable");
            everything.addAll(eventLogs);
            assertTrue(everything.stream().noneMatch(text -> text.contains(token)),
                    "the token appears in an output, a log or the event log");
        }
        System.out.printf("cluster IT: %.1f s%n", seconds(started));
    }

    private static Path writeConfigs(String uri) throws IOException {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.copy(projectDir.resolve("conf/budgets-unreal.conf"), conf.resolve("budgets-unreal.conf"));
        Files.writeString(conf.resolve("common.conf"), String.join("\n",
                "include \"budgets-unreal.conf\"",
                "framebudgets {",
                "  source.uri = \"" + uri + "\"",
                "  threads = \"all-threads\"",
                "  top-offenders = 20",
                "}", ""));
        for (String run : List.of("local", "cluster")) {
            Files.writeString(conf.resolve(run + ".conf"), String.join("\n",
                    "include \"common.conf\"",
                    "framebudgets.output.root = \"" + dir.resolve("out-" + run) + "\"", ""));
        }
        return conf;
    }

    /** Runs ./submit.sh with {@code args}, expects exit status 0 and returns its output. */
    private static String submit(String name, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", projectDir.resolve("submit.sh").toString()));
        command.addAll(Arrays.asList(args));
        Map<String, String> environment = new HashMap<>(env);
        String maven = ClusterClasspath.maven();
        if (maven.contains("/")) {
            environment.put("PATH", Path.of(maven).getParent() + ":" + System.getenv("PATH"));
        }
        environment.putIfAbsent("SPARK_HOME", null);
        environment.put("SPARK_LOCAL_IP", "127.0.0.1");
        try (ChildProcess submit = ChildProcess.start(name, command, environment, projectDir, dir.resolve(name + ".log"))) {
            int status = submit.awaitExit(Duration.ofMinutes(6));
            assertEquals(0, status, name + " failed:\n" + submit.tail());
            String output = submit.output();
            output.lines().filter(line -> line.contains(" INFO job: ") || line.startsWith("+ "))
                    .forEach(line -> System.out.println(name + ": " + line));
            return output;
        }
    }

    private static Dataset<Row> report(SparkSession spark, String out, String table) {
        return spark.read().format("delta").load(dir.resolve(out).resolve(table).toString()).drop("run_id");
    }

    private static Dataset<Row> runLog(SparkSession spark, String out) {
        Dataset<Row> log = spark.read().format("delta").load(dir.resolve(out).resolve("run_log").toString());
        return log.select(new Column[] {log.col("report_date"), log.col("window_from"), log.col("window_to"),
                log.col("status"), log.col("processes_attempted"), log.col("processes_ok"), log.col("processes_failed"),
                log.col("failures"), log.col("frames"),
                functions.array_sort(functions.map_entries(log.col("rows_written"))).as("rows_written")});
    }

    private static void assertSameRows(String table, Dataset<Row> local, Dataset<Row> cluster) {
        List<String> expected = sortedRows(local);
        assertFalse(expected.isEmpty(), table + " of the local run is empty");
        assertEquals(expected, sortedRows(cluster), table + ": the cluster run wrote other rows than the local run");
        System.out.printf("%s: %d rows, identical%n", table, expected.size());
    }

    private static List<String> sortedRows(Dataset<Row> rows) {
        return rows.collectAsList().stream().map(Row::toString).sorted().toList();
    }

    /** The executors' work folders, app-ID/N under each Worker's work folder. */
    private static List<Path> executorDirs(StandaloneCluster cluster) throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (Path worker : cluster.workerDirs()) {
            try (Stream<Path> found = Files.find(worker, 2, (p, attributes) -> attributes.isDirectory()
                    && p.getParent().getFileName().toString().startsWith("app-"))) {
                dirs.addAll(found.toList());
            }
        }
        return dirs;
    }

    private static List<String> filesUnder(Path root) throws IOException {
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".jar")).toList()) {
                texts.add(Files.readString(f, StandardCharsets.ISO_8859_1));
            }
        }
        return texts;
    }

    private static Set<String> classes(Path jar) throws IOException {
        Set<String> names = new HashSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().map(e -> e.getName())
                    .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/") && !n.endsWith("module-info.class"))
                    .forEach(names::add);
        }
        return names;
    }

    private static List<String> jvmOpens() throws IOException {
        return Files.readAllLines(projectDir.resolve("scripts/jvm-opens")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
