package framebudgets.job;

import framebudgets.cluster.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job's command line in a JVM of its own, as spark-submit starts a local driver: for runs that
 * need a SparkSession other than the tests' shared one (a master that retries tasks, the UI) or a
 * process to kill. Spark settings go in as {@code -Dspark.*} properties, which SparkConf reads; the
 * log goes to {@code log} through the config submit.sh uses (the job at INFO, Spark at WARN).
 */
final class JobProcess {
    private JobProcess() {}

    static ChildProcess start(String name, Path log, Map<String, String> sparkConf, String... jobArgs) throws IOException {
        Map<String, String> conf = new LinkedHashMap<>(Map.of(
                "spark.ui.enabled", "false",
                "spark.driver.host", "127.0.0.1",
                "spark.driver.bindAddress", "127.0.0.1",
                "spark.sql.shuffle.partitions", "2",
                "spark.databricks.delta.snapshotPartitions", "2"));
        conf.putAll(sparkConf);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        for (String line : Files.readAllLines(Path.of("scripts/jvm-opens"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                command.add(line.strip());
            }
        }
        command.add("-Dlog4j.configurationFile=" + Path.of("conf/log4j2.properties").toAbsolutePath());
        conf.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("framebudgets.FrameBudgetJob");
        command.addAll(Arrays.asList(jobArgs));
        return ChildProcess.start(name, command, Map.of(), Path.of("").toAbsolutePath(), log);
    }
}
