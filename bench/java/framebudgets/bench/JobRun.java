package framebudgets.bench;

import framebudgets.FrameBudgetJob;
import framebudgets.cluster.ChildProcess;
import framebudgets.cluster.StandaloneCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of the job ({@link FrameBudgetJob} {@code --conf}, as spark-submit's client deploy mode
 * runs it) in a driver JVM started here, with the peak resident memory ({@code VmHWM} of
 * {@code /proc/<pid>/status}, sampled every 100 ms) and the GC log of the driver and of every
 * executor JVM it got. In local mode the driver is its own executor; on a standalone cluster the
 * Worker starts the executor, found among the Worker's children.
 *
 * @param exit      the driver's exit status
 * @param nanos     the driver's wall time, JVM and Spark start included
 * @param driver    the driver JVM
 * @param executors the executor JVMs (none in local mode)
 */
record JobRun(int exit, long nanos, Jvm driver, List<Jvm> executors) {

    /** Heap of the driver and of each executor. */
    static final String HEAP = "2g";
    /** Cores of the one executor on a cluster, as local[2] has. */
    static final int EXECUTOR_CORES = 2;

    /** A JVM of the run: its peak RSS and what its GC log says (null when it wrote none). */
    record Jvm(long peakRssBytes, GcLog gc) {
        String describe() {
            return String.format(Locale.ROOT, "peak RSS %,d MB, %s", peakRssBytes >> 20,
                    gc == null ? "no GC log" : gc.describe());
        }
    }

    /** The job in one local[2] JVM: driver and executor in one. */
    static JobRun local(Path conf, Path dir) throws Exception {
        return run(conf, dir, Map.of(), null);
    }

    /** The job with its driver here and its executor on {@code cluster} (client deploy mode). */
    static JobRun onCluster(StandaloneCluster cluster, Path conf, Path dir) throws Exception {
        awaitGone(cluster.executors());
        Map<String, String> spark = new LinkedHashMap<>();
        spark.put("spark.master", cluster.masterUrl());
        spark.put("spark.submit.deployMode", "client");
        spark.put("spark.driver.memory", HEAP);
        spark.put("spark.driver.host", "127.0.0.1");
        spark.put("spark.driver.bindAddress", "127.0.0.1");
        spark.put("spark.executor.memory", HEAP);
        spark.put("spark.executor.cores", Integer.toString(EXECUTOR_CORES));
        spark.put("spark.cores.max", Integer.toString(EXECUTOR_CORES));
        List<String> executorOptions = new ArrayList<>(JobJvm.options());
        executorOptions.add(JobJvm.gcLog(dir.resolve("executor-gc-%p.log")));
        spark.put("spark.executor.extraJavaOptions", String.join(" ", executorOptions));
        return run(conf, dir, spark, cluster);
    }

    private static JobRun run(Path conf, Path dir, Map<String, String> spark, StandaloneCluster cluster) throws Exception {
        Path driverGc = dir.resolve("driver-gc.log");
        Files.deleteIfExists(driverGc);
        List<String> command = new ArrayList<>(List.of(JobJvm.java(), "-Xmx" + HEAP, JobJvm.gcLog(driverGc)));
        command.addAll(JobJvm.options());
        command.add("-Dspark.ui.enabled=false");
        spark.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-cp", JobJvm.classpath(), FrameBudgetJob.class.getName(), "--conf", conf.toAbsolutePath().toString()));
        Map<String, String> env = new HashMap<>();
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("MICROMEGAS_TOKEN", null);
        long start = System.nanoTime();
        long driverPeak = 0;
        Map<Long, Long> executorPeaks = new LinkedHashMap<>();
        int exit;
        try (ChildProcess driver = ChildProcess.start("driver", command, env, dir, dir.resolve("driver.log"))) {
            long pid = driver.handle().pid();
            while (driver.isAlive()) {
                driverPeak = Math.max(driverPeak, peakRss(pid));
                if (cluster != null) {
                    for (ProcessHandle executor : cluster.executors()) {
                        executorPeaks.merge(executor.pid(), peakRss(executor.pid()), Math::max);
                    }
                }
                Thread.sleep(100);
            }
            exit = driver.awaitExit(Duration.ZERO);
        }
        long nanos = System.nanoTime() - start;
        if (cluster != null) {
            awaitGone(cluster.executors());
        }
        List<Jvm> executors = new ArrayList<>();
        for (Map.Entry<Long, Long> e : executorPeaks.entrySet()) {
            executors.add(new Jvm(e.getValue(), gcLog(dir.resolve("executor-gc-" + e.getKey() + ".log"))));
        }
        return new JobRun(exit, nanos, new Jvm(driverPeak, gcLog(driverGc)), executors);
    }

    /** The largest peak RSS among the executors (0 when there was none). */
    long executorPeakRssBytes() {
        return executors.stream().mapToLong(Jvm::peakRssBytes).max().orElse(0);
    }

    private static GcLog gcLog(Path file) throws IOException {
        return Files.isRegularFile(file) ? GcLog.read(file) : null;
    }

    /** Executors of a finished application end when the Worker stops them; their GC logs are complete then. */
    private static void awaitGone(List<ProcessHandle> processes) throws Exception {
        for (ProcessHandle p : processes) {
            try {
                p.onExit().get(60, TimeUnit.SECONDS);
            } catch (TimeoutException stillRunning) {
                throw new IllegalStateException("executor " + p.pid() + " still runs 60 s after its application ended");
            }
        }
    }

    /** VmHWM of {@code /proc/<pid>/status}, in bytes; 0 once the process is gone. */
    private static long peakRss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
        return 0;
    }
}
