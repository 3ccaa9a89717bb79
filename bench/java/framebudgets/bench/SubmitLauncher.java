package framebudgets.bench;

import framebudgets.FrameBudgetJob;
import framebudgets.cluster.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The command {@code ./submit.sh --conf FILE} runs when there is no spark-submit installed: Spark's
 * launcher ({@code org.apache.spark.deploy.SparkSubmit}) in a JVM on the project's runtime classpath,
 * with the {@code --add-opens} list and {@code conf/log4j2.properties} as driver options, the config
 * folder's {@code *.conf} files shipped with {@code --files}, the thin application jar, then the
 * job's {@code --conf NAME --conf-dir DIR}. {@code bench/run} passes what submit.sh computes itself
 * (the runtime classpath and the thin jar, rebuilt when stale) as {@code bench.runtimeClasspath} and
 * {@code bench.appJar}, so a run here is submit.sh's {@code exec} without its Maven checks.
 * {@code BENCH_JOB_JAVA_OPTIONS} adds JVM options (e.g. a JFR recording) to every launch; a
 * {@code %p} in them becomes the main class's simple name and a launch number (Java 17's JFR does
 * not expand it), so each launch records into a file of its own.
 */
record SubmitLauncher(String runtimeClasspath, Path appJar, List<String> opens, Path logConfig, List<String> extraJavaOptions) {

    private static final java.util.concurrent.atomic.AtomicInteger LAUNCHES = new java.util.concurrent.atomic.AtomicInteger();

    /** What a launch did: its exit status, its wall time (JVM start to exit), its output. */
    record Launch(int exit, long nanos, String output) {}

    static SubmitLauncher fromBenchRun() throws IOException {
        String cp = System.getProperty("bench.runtimeClasspath");
        String jar = System.getProperty("bench.appJar");
        if (cp == null || jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("the fixed benchmark needs -Dbench.runtimeClasspath and -Dbench.appJar "
                    + "(bench/run sets them; got appJar " + jar + ")");
        }
        String extra = System.getenv().getOrDefault("BENCH_JOB_JAVA_OPTIONS", "").strip();
        return new SubmitLauncher(cp, Path.of(jar).toAbsolutePath(), JobJvm.opens(),
                Path.of("conf", "log4j2.properties").toAbsolutePath(),
                extra.isEmpty() ? List.of() : List.of(extra.split("\\s+")));
    }

    /** submit.sh's command for the job with {@code conf} (a file alone in its folder, shipped with --files). */
    List<String> job(Path conf, List<String> sparkConf) throws IOException {
        return command(FrameBudgetJob.class.getName(), runtimeClasspath, conf, sparkConf);
    }

    /**
     * The same launch with another main class, found in {@code extraClasspath} (the benchmark's
     * classes) ahead of the runtime classpath: for the floor, JVM and SparkSession start alone.
     */
    List<String> other(String mainClass, String extraClasspath, Path conf) throws IOException {
        return command(mainClass, extraClasspath + ":" + runtimeClasspath, conf, List.of());
    }

    private List<String> command(String mainClass, String classpath, Path conf, List<String> sparkConf) throws IOException {
        String driverOptions = String.join(" ", opens) + " -Dlog4j.configurationFile=" + logConfig;
        List<String> command = new ArrayList<>();
        command.add(JobJvm.java());
        command.addAll(opens);
        command.add("-Dlog4j.configurationFile=" + logConfig);
        String launch = mainClass.substring(mainClass.lastIndexOf('.') + 1) + "-" + LAUNCHES.incrementAndGet();
        extraJavaOptions.forEach(option -> command.add(option.replace("%p", launch)));
        command.addAll(List.of("-cp", classpath, "org.apache.spark.deploy.SparkSubmit", "--master", "local[2]",
                "--class", mainClass, "--driver-java-options", driverOptions,
                "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", opens) + " "));
        for (String setting : sparkConf) {
            command.addAll(List.of("--conf", setting));
        }
        Path confDir = conf.toAbsolutePath().getParent();
        try (Stream<Path> files = Files.list(confDir)) {
            command.addAll(List.of("--files", files.filter(f -> f.toString().endsWith(".conf")).map(Path::toString).sorted()
                    .collect(Collectors.joining(","))));
        }
        command.add(appJar.toString());
        command.addAll(List.of("--conf", conf.getFileName().toString(), "--conf-dir", confDir.toString()));
        return command;
    }

    /** Runs {@code command} in {@code dir} (output to {@code log}), timing it from start to exit. */
    static Launch run(List<String> command, Path dir, Path log) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("MICROMEGAS_TOKEN", null);
        long start = System.nanoTime();
        int exit;
        try (ChildProcess process = ChildProcess.start("job", command, env, dir, log)) {
            exit = process.awaitExit(Duration.ofMinutes(30));
        }
        long nanos = System.nanoTime() - start;
        return new Launch(exit, nanos, Files.readString(log));
    }
}
