package framebudgets.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on 127.0.0.1: one Master and some Workers (1 core, 1 GB each unless
 * given) as separate JVMs, all ports chosen by the OS. Its SPARK_HOME is a stand-in distribution
 * (empty jars/, the classpath in SPARK_DIST_CLASSPATH, a bin/spark-submit), which is what the Worker
 * needs to launch executors and what submit.sh uses to submit. The memory benchmark runs its job on it.
 */
public final class StandaloneCluster implements AutoCloseable {
    private static final String EXECUTOR_MAIN = "org.apache.spark.executor.CoarseGrainedExecutorBackend";
    private static final Pattern MASTER_URL = Pattern.compile("Starting Spark master at (spark://\\S+)");
    private static final Pattern REGISTERED = Pattern.compile("Successfully registered with master");

    private final List<ChildProcess> processes = new ArrayList<>();
    private final List<ChildProcess> workers = new ArrayList<>();
    private final List<Path> workerDirs = new ArrayList<>();
    private final Path sparkHome;
    private final Map<String, String> environment;
    private String masterUrl;

    private StandaloneCluster(Path sparkHome, String classpath) {
        this.sparkHome = sparkHome;
        this.environment = new HashMap<>();
        environment.put("SPARK_HOME", sparkHome.toString());
        environment.put("SPARK_SCALA_VERSION", scalaBinaryVersion());
        environment.put("SPARK_DIST_CLASSPATH", classpath);
        environment.put("SPARK_LOCAL_IP", "127.0.0.1");
        environment.put("SPARK_CONF_DIR", sparkHome.resolve("conf").toString());
    }

    /** "2.13" for the Scala library on the classpath (Spark's launcher wants it in SPARK_SCALA_VERSION). */
    private static String scalaBinaryVersion() {
        String version = scala.util.Properties.versionNumberString();
        return version.substring(0, version.lastIndexOf('.'));
    }

    static StandaloneCluster start(String classpath, List<String> jvmOptions, Path dir, int workers) throws Exception {
        return start(classpath, jvmOptions, dir, workers, 1, "1g");
    }

    /** A Master and {@code workers} Workers offering {@code cores} cores and {@code memory} (e.g. "2g") each to executors. */
    public static StandaloneCluster start(String classpath, List<String> jvmOptions, Path dir, int workers, int cores,
                                          String memory) throws Exception {
        StandaloneCluster cluster = new StandaloneCluster(dir.resolve("spark-home"), classpath);
        try {
            cluster.layOutSparkHome();
            cluster.startDaemons(jvmOptions, dir, workers, cores, memory);
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    private void layOutSparkHome() throws IOException {
        Files.createDirectories(sparkHome.resolve("jars"));
        Files.createDirectories(sparkHome.resolve("conf"));
        Files.createDirectories(sparkHome.resolve("bin"));
        Path submit = sparkHome.resolve("bin/spark-submit");
        try (InputStream in = StandaloneCluster.class.getResourceAsStream("spark-submit")) {
            Files.copy(in, submit, StandardCopyOption.REPLACE_EXISTING);
        }
        submit.toFile().setExecutable(true);
    }

    private void startDaemons(List<String> jvmOptions, Path dir, int workers, int cores, String memory) throws Exception {
        ChildProcess master = daemon("spark-master", jvmOptions, dir, "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", "0", "--webui-port", "0");
        masterUrl = master.awaitOutput(MASTER_URL, Duration.ofSeconds(60));
        List<ChildProcess> started = new ArrayList<>();
        for (int i = 1; i <= workers; i++) {
            Path workDir = Files.createDirectories(dir.resolve("worker-" + i));
            workerDirs.add(workDir);
            started.add(daemon("spark-worker-" + i, jvmOptions, dir, "org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--port", "0", "--webui-port", "0", "--cores", Integer.toString(cores), "--memory", memory,
                    "--work-dir", workDir.toString(), masterUrl));
        }
        for (ChildProcess worker : started) {
            worker.awaitOutput(REGISTERED, Duration.ofSeconds(60));
        }
        this.workers.addAll(started);
    }

    private ChildProcess daemon(String name, List<String> jvmOptions, Path dir, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", environment.get("SPARK_DIST_CLASSPATH"), mainClass));
        command.addAll(Arrays.asList(args));
        Map<String, String> env = new HashMap<>(environment);
        env.put("MICROMEGAS_TOKEN", null);
        ChildProcess process = ChildProcess.start(name, command, env, dir, dir.resolve(name + ".log"));
        processes.add(process);
        return process;
    }

    public String masterUrl() {
        return masterUrl;
    }

    /** The executor JVMs the Workers run now (their {@code CoarseGrainedExecutorBackend} children). */
    public List<ProcessHandle> executors() {
        return workers.stream().flatMap(w -> w.handle().children()).filter(StandaloneCluster::isExecutor).toList();
    }

    /** From /proc: {@code ProcessHandle.Info} keeps only a command line's first 4 KB, and an executor names its main class after a longer classpath. */
    private static boolean isExecutor(ProcessHandle process) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")),
                    java.nio.charset.StandardCharsets.ISO_8859_1).contains(EXECUTOR_MAIN);
        } catch (IOException gone) {
            return false;
        }
    }

    /** SPARK_HOME and friends, for running the stand-in distribution's bin/spark-submit. */
    Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    /** The Workers' work folders: app-*&#47;N/ holds each executor's stdout and stderr. */
    public List<Path> workerDirs() {
        return List.copyOf(workerDirs);
    }

    /** The daemons' own logs. */
    List<String> daemonLogs() throws IOException {
        List<String> logs = new ArrayList<>();
        for (ChildProcess p : processes) {
            logs.add(p.output());
        }
        return logs;
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }
}
